"""Settings modules: ``local`` (make run), ``test`` (make test), ``production`` (deployments).

Everything that differs between deployments comes from the environment (see ``.env.example``);
the modules only choose safe defaults for each context.
"""
