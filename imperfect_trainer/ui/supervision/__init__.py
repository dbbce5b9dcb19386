"""Supervision: the report and its PDF, and a supervisor's My trainees page with the report on one
trainee."""
