"""Deployment: N replicas behind nginx (replicas.py), a container recipe and Kubernetes manifests."""
