"""Trained pipelines (zh/, en/), their configs (config/) and training data (data/); see README.md."""
