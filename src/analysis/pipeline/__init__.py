"""Running the project: paths, notebook execution, the report and the ``analysis`` command."""
