"""Training the model extractors (models/<lang>/): data recipe, spaCy pipelines, thresholds.

`minutes train` (or `make models`) rebuilds every shipped model from data the project ships
(models/data/) and generates (`generate.py`), seeded, so two runs give the same weights. The dev sets in
shared/eval are never trained on.
"""
