"""The published kinetic models of insulin signalling, run with libroadrunner beside the map.

- `adipocyte`: Brännmark et al. 2013, a human fat cell, normal and type 2 diabetic (BIOMD0000000448/449);
- `meal`: Dalla Man et al. 2007, plasma glucose and insulin after a meal (BIOMD0000000379).

The SBML files are in kb/data/models (PROVENANCE.md there); kb/data/dynamics.json binds each model's
species to the map's nodes through their UniProt annotations. The fat-cell readouts are keyed by node id.
"""
