"""Controlled documents and records (SB/T 10382-2004, 4.6.4 and 4.6.5).

One mechanism for every controlled document: the service policy, procedures,
specifications, the service manual and forms. Other apps attach their documents
through `Document.subject_type` / `subject_id` and the services in `services/`.
"""
