"""Render timings for `make bench`: the whole example as DOCX, XLSX and PDF (goals 1 s, 1 s, 5 s)."""

from __future__ import annotations

from duban.core.timing import EXAMPLE, median_seconds


def bench_render(runs: int = 5, pdf_runs: int = 3) -> dict[str, float]:
    """Median seconds per output of the parsed example (parsing is not counted).

    The PDF figure includes starting LibreOffice with a fresh profile, as every conversion does.
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
    return {
        "docx_s": median_seconds(lambda: table_docx(plan), runs),
        "xlsx_s": median_seconds(lambda: table_xlsx(plan), runs),
        "pdf_s": pdf_s,
        # LibreOffice's own CPU time per conversion: on a shared, loaded machine the wall time
        # above is mostly waiting for a core, and this says what an idle one would take.
        "pdf_cpu_s": (_children_cpu() - cpu_before) / pdf_runs,
    }


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


if __name__ == "__main__":  # pragma: no cover
    for name, seconds in bench_render().items():
        print(f"{name}\t{seconds:.3f}")
