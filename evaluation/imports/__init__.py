"""Bulk import of PROM and PREM returns from CSV and XLSX files: every row checked, then all or nothing.

``parsing`` reads a file into row dicts (XLSX with calamine, once ``workbook_limits`` has passed it),
``validation`` checks every row against the importer's scope and scores it with ``evaluation.scoring``,
``staging`` keeps the check's report and the rows as read server-side between the check and the import,
``tasks`` checks large files in the background, and ``services`` writes all the rows in one transaction
(ADR 0014, ADR 0029).
"""
