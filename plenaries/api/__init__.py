"""The read-only open-data API under /api/v1/ (Django REST framework), documented by its OpenAPI
schema at /api/schema/ and a page at /api/docs/."""
