"""Facts about text that every stage needs, defined once, at the bottom of the package.

Which characters are Han, how full-width forms fold to ASCII, which English words name a
month, how Chinese writes a date: each used to be spelled out in several packages, a little
differently each time, so one stage could call a text Chinese that another called Latin.
Modules here import nothing of kuaibao but each other, so any stage may use them.

* :mod:`kuaibao.text.scripts` — character classes (Han, kana, hangul, CJK symbols) as
  regex fragments and tests;
* :mod:`kuaibao.text.normalise` — full-width digits, letters and signs to ASCII;
* :mod:`kuaibao.text.months` — English month names and abbreviations to numbers;
* :mod:`kuaibao.text.zh_dates` — a date as Chinese writes it (``2024年3月15日``).
"""
