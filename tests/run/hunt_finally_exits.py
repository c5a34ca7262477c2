"""break/continue inside `finally` when the try body or a handler also leaves
(return / continue): CPython 3.8+ accepts these and the finally's jump wins."""


def cont_in_finally_over_return(n: int) -> int:
    for i in range(n):
        try:
            if i == 3:
                return i
        finally:
            if i == 3:
                continue
    return -1


def break_in_finally_with_handler(n: int) -> int:
    total = 0
    for i in range(n):
        try:
            total += 1
        except ValueError:
            continue
        finally:
            if i == 5:
                break
    return total


def break_in_finally_over_raise(n: int) -> list[str]:
    log: list[str] = []
    for i in range(n):
        try:
            try:
                if i % 2:
                    raise ValueError(str(i))
                log.append("ok" + str(i))
            finally:
                log.append("fin" + str(i))
                if i == 3:
                    break
        except ValueError as e:
            log.append("caught" + str(e))
            continue
    return log


def test_cont_in_finally_over_return() -> None:
    r = cont_in_finally_over_return(10)
    print(r)
    assert r == -1


def test_break_in_finally_with_handler() -> None:
    r = break_in_finally_with_handler(10)
    print(r)
    assert r == 6


def test_break_in_finally_over_raise() -> None:
    r = break_in_finally_over_raise(10)
    print(r)
    assert r == ["ok0", "fin0", "fin1", "caught1", "ok2", "fin2", "fin3"]
