"""Test doubles the pipeline's tests share: moto's server as a process, and a fault proxy in front of it."""
