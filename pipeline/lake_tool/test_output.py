import io
import threading

import pytest

from pipeline.lake_tool.output import Progress, human_size, table


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize(
    ("size", "text"),
    [
        (0, "0 B"),
        (1023, "1023 B"),
        (1024, "1.0 KiB"),
        (1536, "1.5 KiB"),
        (9 * 1024**2, "9.0 MiB"),
        (3 * 1024**5, "3072.0 TiB"),
    ],
)
def test_human_size(size: int, text: str) -> None:
    assert human_size(size) == text


def test_table_aligns_columns_and_right_aligns_numbers() -> None:
    lines = table([("KEY", "SIZE"), ("a-long-key", "5 B"), ("b", "1.5 KiB")], right=[1])

    assert lines == ["KEY            SIZE", "a-long-key      5 B", "b           1.5 KiB"]


def test_progress_in_a_log_writes_a_line_every_ten_percent_from_many_threads() -> None:
    log = io.StringIO()
    progress = Progress(1000, log)
    threads = [threading.Thread(target=lambda: [progress(1) for _ in range(100)]) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    percents = [int(line.split()[1].rstrip("%")) for line in log.getvalue().splitlines()]
    assert percents == list(range(0, 101, 10))  # each step once, in order, despite the threads
    assert progress.sent == 1000


def test_progress_on_a_terminal_redraws_one_line_and_ends_it() -> None:
    screen = Terminal()
    progress = Progress(2048 * 1024, screen)
    for _ in range(2048):
        progress(1024)

    frames = screen.getvalue().split("\r")[1:]
    widths = [len(frame.rstrip("\n")) for frame in frames]
    assert widths == sorted(widths)  # padded: a redraw always covers the one before
    assert frames[-1].startswith("  uploading 100%")
    assert screen.getvalue().endswith("\n")


def test_progress_close_ends_a_half_drawn_line() -> None:
    screen = Terminal()
    progress = Progress(100, screen)
    progress(30)

    progress.close()

    assert screen.getvalue().endswith("\n")
