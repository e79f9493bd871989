"""The engine: raw articles in, analysed ``Article`` records out, one spaCy pipeline per process."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

from newsgraph.extract.entities import entities_from_doc, sentences_from_doc
from newsgraph.extract.sections import REFERENCE_DATE_KEY, get_section
from newsgraph.extract.time import infer_publication_date
from newsgraph.fastpath import fast_steps, fastpath_default, run_steps, text_doc
from newsgraph.ingest.identity import normalise_date, stable_id
from newsgraph.limits import AnalysisTimeout, time_limit
from newsgraph.model import SECTIONS, Article, InputError, RawArticle
from newsgraph.nlp import MAX_TEXT_CHARS, get_pipeline

Item = RawArticle | InputError
# Generous: a long article takes about a second; the limit only stops pathological ones.
SECONDS_PER_ARTICLE = 120.0
# spaCy's tokenizer slows down sharply on very long runs of characters without white space.
MAX_TOKEN_RUN = 5_000


def publication_date(raw: RawArticle, default_date: str | None) -> tuple[str | None, str | None]:
    """The article's date and how we know it: given by the input or the user, inferred, or unknown."""
    if raw.published:
        return raw.published, "given"
    if default_date:
        return normalise_date(default_date), "given"
    inferred = infer_publication_date(raw.text)
    return (inferred, "inferred") if inferred else (None, None)


def check_text(raw: RawArticle) -> InputError | None:
    """Why an article cannot be analysed, or None when it can."""
    if not raw.text.strip():
        return InputError(raw.input, "no article text")
    if len(raw.text) > MAX_TEXT_CHARS:
        return InputError(raw.input, f"article text longer than {MAX_TEXT_CHARS:,} characters")
    longest = max((len(run) for run in raw.text.split()), default=0)
    if longest > MAX_TOKEN_RUN:
        return InputError(raw.input, f"a run of {longest:,} characters without white space (refused)")
    return None


class Engine:
    """Analyses articles in batches with one shared spaCy pipeline.

    ``fast`` (default: on unless ``NEWSGRAPH_FASTPATH=0``) runs the pipeline through ``newsgraph.fastpath``,
    which gives the same records with less Python work; ``fast=False`` runs spaCy's own ``nlp.pipe``.
    """

    def __init__(
        self,
        nlp: Language | None = None,
        batch_size: int = 32,
        fast: bool | None = None,
        seconds_per_article: float | None = SECONDS_PER_ARTICLE,
    ) -> None:
        self.nlp = nlp or get_pipeline()
        self.batch_size = batch_size
        self.seconds_per_article = seconds_per_article
        self.fast = fastpath_default() if fast is None else fast
        self.steps = fast_steps(self.nlp) if self.fast else None

    def analyze(self, items: Iterable[Item], date: str | None = None) -> Iterator[Article | InputError]:
        """Analyse raw articles, passing error records through, in input order."""
        stream = iter(items)
        while batch := list(islice(stream, self.batch_size)):
            yield from self._analyze_batch(batch, date)

    def analyze_one(self, raw: RawArticle, date: str | None = None) -> Article:
        """Analyse a single raw article; raise ValueError when it cannot be analysed."""
        result = next(self.analyze([raw], date))
        if isinstance(result, InputError):
            raise ValueError(result.message())
        return result

    def _analyze_batch(self, batch: list[Item], date: str | None) -> Iterator[Article | InputError]:
        """The whole batch at once; if anything in it fails or runs too long, each article alone, so that
        only the article at fault becomes an error record ("analysis failed: …")."""
        checked = [item if isinstance(item, InputError) else (check_text(item) or item) for item in batch]
        raws = [item for item in checked if isinstance(item, RawArticle)]
        try:
            with time_limit(self.seconds_per_article * len(raws)):
                results: list[Article | InputError] = self._analyze_raws(raws, date)
        except (Exception, AnalysisTimeout):  # an extractor bug or a timeout: isolate the article at fault
            results = [self._analyze_alone(raw, date) for raw in raws]
        done = iter(results)
        for item in checked:
            yield item if isinstance(item, InputError) else next(done)

    def _analyze_raws(self, raws: list[RawArticle], date: str | None) -> list[Article]:
        docs = self._pipe([self._make_doc(raw, date) for raw in raws])
        return [build_article(raw, doc) for raw, doc in zip(raws, docs, strict=True)]

    def _analyze_alone(self, raw: RawArticle, date: str | None) -> Article | InputError:
        try:
            with time_limit(self.seconds_per_article):
                return self._analyze_raws([raw], date)[0]
        except (Exception, AnalysisTimeout) as exc:
            reason = str(exc).splitlines()[0][:300] if str(exc) else ""
            return InputError(raw.input, f"analysis failed: {type(exc).__name__}: {reason}")

    def _pipe(self, docs: list[Doc]) -> Iterator[Doc]:
        if self.steps is None:
            return iter(self.nlp.pipe(docs))
        return run_steps(self.steps, docs, self.batch_size)

    def _make_doc(self, raw: RawArticle, date: str | None) -> Doc:
        doc = text_doc(self.nlp, raw.text) if self.fast else self.nlp.make_doc(raw.text)
        published, basis = publication_date(raw, date)
        doc.user_data[REFERENCE_DATE_KEY] = published
        doc.user_data["newsgraph.published_basis"] = basis
        return doc


def build_article(raw: RawArticle, doc: Doc) -> Article:
    """The contract record for one analysed article."""
    return Article(
        id=raw.id or stable_id(raw.url, raw.text),
        input=raw.input,
        text=raw.text,
        url=raw.url,
        source=raw.source,
        title=raw.title,
        published=doc.user_data.get(REFERENCE_DATE_KEY),
        published_basis=doc.user_data.get("newsgraph.published_basis"),
        language=raw.language,
        author=raw.author,
        sentences=sentences_from_doc(doc),
        entities=get_section(doc, "entities") or entities_from_doc(doc),
        **{name: get_section(doc, name) for name in SECTIONS if name != "entities"},
    )
