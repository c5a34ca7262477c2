"""Bug-hunt regression tests (generated from adversarial probes)."""

def i_add(a: int, b: int) -> int:
    return a + b


def i_sub(a: int, b: int) -> int:
    return a - b


def i_mul(a: int, b: int) -> int:
    return a * b


def i_fdiv(a: int, b: int) -> int:
    return a // b


def i_mod(a: int, b: int) -> int:
    return a % b


def i_aug(a: int, b: int) -> int:
    x: int = a
    x *= b
    x //= (b | 1)
    x %= (a | 3)
    x -= b
    x <<= 3
    x >>= 2
    x ^= a
    return x


def i_rsh(a: int, b: int) -> int:
    return a >> (b & 127)


def i_lsh(a: int, b: int) -> int:
    return a << (b & 63)


def i_bits(a: int, b: int) -> int:
    return (a & b) ^ (a | ~b)


def i_tdiv(a: int, b: int) -> float:
    return a / b


def table(op: str) -> list[str]:
    vals = [0, 1, -1, 7, -7, 2**31, -2**31, 2**32 - 1, 2**62 - 1, -2**62, 2**62, -2**62 - 1,
            2**63 - 1, -2**63, 2**64, -2**100, 3037000499, 3037000500]
    out: list[str] = []
    for a in vals:
        for b in vals:
            try:
                if op == "add":
                    out.append(str(i_add(a, b)))
                elif op == "sub":
                    out.append(str(i_sub(a, b)))
                elif op == "mul":
                    out.append(str(i_mul(a, b)))
                elif op == "fdiv":
                    out.append(str(i_fdiv(a, b)))
                elif op == "mod":
                    out.append(str(i_mod(a, b)))
                elif op == "aug":
                    out.append(str(i_aug(a, b)))
                elif op == "rsh":
                    out.append(str(i_rsh(a, b)))
                elif op == "lsh":
                    out.append(str(i_lsh(a, b)))
                elif op == "bits":
                    out.append(str(i_bits(a, b)))
                else:
                    out.append(repr(i_tdiv(a, b)))
            except ZeroDivisionError as e:
                out.append("ZDE " + str(e))
    return out


def checksum(l: list[str]) -> int:
    h = 0
    for s in l:
        for c in s:
            h = (h * 131 + ord(c)) % 1000000007
    return h


def test_int_edges() -> None:
    r = repr(checksum(table('add')))
    print(r)
    assert r == '299269173', r
    r = repr(table('add')[::37])
    print(r)
    assert r == "['0', '0', '-8', '-2147483641', '4611686018427387896', '4611686020574871552', '9223372034707292159', '18446744078004518911', '4611686021464388402']", r
    r = repr(checksum(table('sub')))
    print(r)
    assert r == '917617132', r
    r = repr(table('sub')[::37])
    print(r)
    assert r == "['0', '-2', '-6', '-2147483655', '4611686018427387910', '4611686016279904256', '9223372039002259455', '18446744069414584321', '-4611686015390387404']", r
    r = repr(checksum(table('mul')))
    print(r)
    assert r == '963865588', r
    r = repr(table('mul')[::37])
    print(r)
    assert r == "['0', '-1', '7', '-15032385536', '-32281802128991715321', '9903520314283042199192993792', '-19807040628566084396238503936', '79228162495817593519834398720', '14005692739195300256677563597']", r
    r = repr(checksum(table('fdiv')))
    print(r)
    assert r == '360334502', r
    r = repr(table('fdiv')[::37])
    print(r)
    assert r == "['ZDE integer division or modulo by zero', '-1', '7', '-306783379', '-658812288346769701', '2147483648', '-4294967296', '4294967297', '0']", r
    r = repr(checksum(table('mod')))
    print(r)
    assert r == '154980534', r
    r = repr(table('mod')[::37])
    print(r)
    assert r == "['ZDE integer modulo by zero', '0', '0', '5', '-4', '0', '-1', '1', '3037000499']", r
    r = repr(checksum(table('aug')))
    print(r)
    assert r == '571025449', r
    r = repr(table('aug')[::37])
    print(r)
    assert r == "['0', '1', '7', '2147483628', '4611686018427387889', '4611686009837453312', '9223372023969873915', '18446744065119617026', '-9223372033817775311']", r
    r = repr(checksum(table('rsh')))
    print(r)
    assert r == '121888925', r
    r = repr(table('rsh')[::37])
    print(r)
    assert r == "['0', '-1', '-1', '-16777216', '0', '4611686018427387904', '9223372036854775807', '0', '0']", r
    r = repr(checksum(table('lsh')))
    print(r)
    assert r == '58364453', r
    r = repr(table('lsh')[::37])
    print(r)
    assert r == "['0', '-2', '-64563604257983430656', '-274877906944', '664613997892457936307788342064316416', '4611686018427387904', '9223372036854775807', '170141183460469231731687303715884105728', '28011385478390600519429128192']", r
    r = repr(checksum(table('bits')))
    print(r)
    assert r == '366661248', r
    r = repr(table('bits')[::37])
    print(r)
    assert r == "['-1', '-2', '0', '-8', '6', '-2147483649', '2147483647', '-4294967296', '-4611686018427387904']", r
    r = repr(checksum(table('tdiv')))
    print(r)
    assert r == '110527926', r
    r = repr(table('tdiv')[::37])
    print(r)
    assert r == "['ZDE division by zero', '-1.0', '7.0', '-306783378.28571427', '-6.588122883467697e+17', '2147483648.0', '-4294967296.0', '4294967297.0', '6.585445077710722e-10']", r
