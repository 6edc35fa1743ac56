"""Render timings for `make bench`: the whole example as DOCX, XLSX and PDF (goals 1 s, 1 s, 5 s)."""

from __future__ import annotations

from duban.core.timing import EXAMPLE, median_seconds


def bench_render(runs: int = 5, pdf_runs: int = 3) -> dict[str, float]:
    """Median seconds per output of the parsed example (parsing is not counted).

    `pdf_s` is a one-off conversion (cold: LibreOffice started with a fresh profile, as the CLI
    does); `pdf_warm_s` the same through the worker's resident LibreOffice.
    """
    from duban.core.importers import read_plan
    from duban.core.render.pdf import docx_to_pdf
    from duban.core.render.table_docx import table_docx
    from duban.core.render.table_xlsx import table_xlsx
    from duban.core.units import units_beside

    plan = read_plan(EXAMPLE, units=units_beside(EXAMPLE))
    docx = table_docx(plan)
    cpu_before = _children_cpu()
    pdf_s = median_seconds(lambda: docx_to_pdf(docx), pdf_runs)
    figures = {
        "docx_s": median_seconds(lambda: table_docx(plan), runs),
        "xlsx_s": median_seconds(lambda: table_xlsx(plan), runs),
        "pdf_s": pdf_s,
        # LibreOffice's own CPU time per conversion: on a shared, loaded machine the wall time
        # above is mostly waiting for a core, and this says what an idle one would take.
        "pdf_cpu_s": (_children_cpu() - cpu_before) / pdf_runs,
    }
    figures.update(bench_resident(docx, pdf_runs + 2))
    return figures


def bench_resident(docx: bytes, runs: int) -> dict[str, float]:
    """The same PDF through a resident LibreOffice (what the worker keeps): its start, and each
    warm conversion's wall and CPU time. Empty when the system Python has no uno."""
    from duban.core.render.resident import ResidentConverter, uno_available

    if not uno_available():
        return {}
    conv = ResidentConverter()
    try:
        start_s = median_seconds(conv.start, 1)
        cpu_started = conv.cpu_seconds()
        conv.convert(docx)  # the first conversion loads Writer's filters once
        cpu_before = conv.cpu_seconds()
        warm_s = median_seconds(lambda: conv.convert(docx), runs)
        warm_cpu = (conv.cpu_seconds() - cpu_before) / runs
        return {
            "resident_start_s": start_s,
            "resident_start_cpu_s": cpu_started,
            "pdf_warm_s": warm_s,
            "pdf_warm_cpu_s": warm_cpu,
        }
    finally:
        conv.stop()


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":  # pragma: no cover
    for name, seconds in bench_render().items():
        print(f"{name}\t{seconds:.3f}")
