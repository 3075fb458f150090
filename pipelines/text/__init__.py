"""The text toolkit: how Chinese government pages write numbers, dates, periods and plain text.

Small modules of pure functions shared by the clean, understand and extract stages: `numerals`
(Chinese numerals, full-width digits), `dates` (every written date form, to ISO), `normalize`
(NFKC, whitespace, comparison keys) and `period` (the period vocabulary the warehouse stores). Each
rule is written once here; the package imports nothing from the stages, so any stage may use it.
"""
