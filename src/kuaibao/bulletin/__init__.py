"""Bulletins: the house style, compiling issues, importing past ones, rendering."""
