"""Bulk import of PROM and PREM returns from CSV and XLSX files: every row checked, then all or nothing.

``parsing`` reads a file into row dicts, ``validation`` checks every row against the importer's scope and
scores it with ``evaluation.scoring``, ``staging`` keeps the uploaded file server-side between the
preview and the import, and ``services`` writes all the rows in one transaction (ADR 0014).
"""
