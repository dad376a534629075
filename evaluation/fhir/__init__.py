"""Outcome measures as FHIR R4 (UK Core): instruments as Questionnaires, returns as QuestionnaireResponses
with score Observations, read and written by other systems authenticated as SMART Backend Services
clients (ADR 0028)."""
