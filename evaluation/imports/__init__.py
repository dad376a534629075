"""Bulk import of PROM and PREM returns from CSV and XLSX files: every row checked, then all or nothing.

``parsing`` reads a file into rows (XLSX with calamine, once ``workbook_limits`` has passed it),
``bulk`` checks a plain file a column at a time and ``validation`` any file row by row, both scoring
with ``evaluation.scoring``; ``checked`` is the returns kept as they will be written, which ``staging``
keeps server-side with the check's report between the check and the import; ``tasks`` checks large
files in the background, and ``services`` re-checks what can change before Import and writes all the
returns in one transaction (ADR 0014, ADR 0029).
"""
