/*
 * oxyc_rt_hot.c -- the runtime's own computation: int and float slow paths,
 * recursion depth, min/max/sum of sequences, tuples of list slices, method-call
 * caches, tracebacks and compiled function objects.  Compiled at the module's
 * optimisation level (-O2 by default).  The rest of the runtime, glue around
 * CPython's API, is oxyc_rt.c, compiled at -Og (see there).  See oxyc_rt.h for
 * the representation and the conventions.
 */
#include "oxyc_rt.h"
#include <structmember.h>
#include <pthread.h>

#include <frameobject.h>

#include <stdarg.h>
#include <errno.h>
#include <math.h>
#include <string.h>


/* ======================================================================== */
/* Tagged integers: construction, boxing                                     */
/* ======================================================================== */

/* Wrap an owned reference to an exact PyLong outside the short range. */
static inline oxy_int tag_long(PyObject *o) { return (oxy_int)o | 1; }

oxy_int oxy_int_from_i64_slow(int64_t v) {
    if (OXY_INT_FITS_SHORT(v)) return OXY_INT_FROM_SHORT(v);
    PyObject *o = PyLong_FromLongLong((long long)v);
    if (o == NULL) return OXY_INT_ERR;
    return tag_long(o);
}

oxy_int oxy_int_from_long_obj_slow(PyObject *o) {
#if PY_VERSION_HEX < 0x030C0000 && PYLONG_BITS_IN_DIGIT == 30
    /* Clearly outside the short range (|v| > 2**62): keep the PyLong as it is,
       without converting it to find that out. */
    if (PyLong_CheckExact(o)) {
        Py_ssize_t size = Py_SIZE(o);
        Py_ssize_t n = size < 0 ? -size : size;
        const digit *d = ((PyLongObject *)o)->ob_digit;
        if (n >= 4 || (n == 3 && (d[2] > 4 || (d[2] == 4 && (size > 0 || d[1] != 0 || d[0] != 0))))) {
            Py_INCREF(o);
            return tag_long(o);
        }
    }
#endif
    int overflow = 0;
    long long v = PyLong_AsLongLongAndOverflow(o, &overflow);
    if (overflow == 0) {
        if (OXY_UNLIKELY(v == -1 && PyErr_Occurred())) return OXY_INT_ERR;
        if (OXY_INT_FITS_SHORT(v)) return OXY_INT_FROM_SHORT(v);
    }
    PyObject *r;
    if (PyLong_CheckExact(o)) {
        Py_INCREF(o);
        r = o;
    } else {
        /* int subclass (never bool here: bools are short): keep an exact int */
        r = _PyLong_Copy((PyLongObject *)o);
        if (r == NULL) return OXY_INT_ERR;
    }
    return tag_long(r);
}

oxy_int oxy_int_from_long_obj_steal(PyObject *o) {
    if (o == NULL) return OXY_INT_ERR;
    oxy_int r = oxy_int_from_long_obj(o);
    Py_DECREF(o);
    return r;
}

/* Three-digit ints (2**60 <= |v| < 2**90: 64-bit hashes, random states) are made and
   dropped at a high rate by masked 64-bit arithmetic. The last reference to an exact
   one, dropped by compiled code, parks the object here instead of freeing it, and the
   next such int made by compiled code reuses it: no allocator round trip. The objects
   stay allocated as CPython allocated them; a parked one is referenced by nothing else
   (its count was 1, and it was the caller's). */
#define OXY_LONG3_PARK_N 16
static PyObject *long3_park[OXY_LONG3_PARK_N];
static int long3_parked;

/* (The digit layout is 3.11's with 30-bit digits; elsewhere nothing is parked.) */
#if PY_VERSION_HEX < 0x030C0000 && PYLONG_BITS_IN_DIGIT == 30
#define OXY_LONG3_PARKING 1
#else
#define OXY_LONG3_PARKING 0
#endif

static inline int long3_parkable(PyObject *o) {
    return OXY_LONG3_PARKING && Py_REFCNT(o) == 1 && Py_IS_TYPE(o, &PyLong_Type) &&
           Py_SIZE(o) == 3 && long3_parked < OXY_LONG3_PARK_N;
}

oxy_int oxy_int_from_u64_big(uint64_t v) {
    /* Only called for v > OXY_INT_SHORT_MAX: three 30-bit digits. */
#if OXY_LONG3_PARKING
    if (long3_parked > 0 && v >= ((uint64_t)1 << 60)) {
        PyObject *o = long3_park[--long3_parked];
        digit *d = ((PyLongObject *)o)->ob_digit;
        d[0] = (digit)(v & PyLong_MASK);
        d[1] = (digit)((v >> PyLong_SHIFT) & PyLong_MASK);
        d[2] = (digit)(v >> (2 * PyLong_SHIFT));
        _Py_NewReference(o);
        return tag_long(o);
    }
#endif
    PyObject *o = PyLong_FromUnsignedLongLong(v);
    return o == NULL ? OXY_INT_ERR : tag_long(o);
}

PyObject *oxy_box_cache[OXY_BOX_CACHE_N];

PyObject *oxy_box_cache_fill(long long v) {
    PyObject *o = PyLong_FromLongLong(v);
    if (o == NULL) return NULL;
    oxy_box_cache[v] = o; /* the cache's reference, never dropped */
    Py_INCREF(o);
    return o;
}

PyObject *oxy_int_box_slow(oxy_int x) {
    if (OXY_INT_IS_SHORT(x)) return PyLong_FromLongLong(OXY_INT_SHORT_VALUE(x));
    PyObject *o = OXY_INT_AS_OBJ(x);
    if (OXY_UNLIKELY(o == NULL)) {
        PyErr_SetString(PyExc_SystemError, "oxy_int_box: got the error sentinel");
        return NULL;
    }
    Py_INCREF(o);
    return o;
}

oxy_int oxy_int_from_decimal(const char *digits) {
    return oxy_int_from_long_obj_steal(PyLong_FromString(digits, NULL, 10));
}

/* ======================================================================== */
/* Tagged integers: arithmetic slow paths                                    */
/* ======================================================================== */

/* Box both operands, apply a CPython number operation, re-canonicalise. */
static oxy_int int_binop_generic(oxy_int a, oxy_int b, binaryfunc op) {
    PyObject *x = oxy_int_box(a);
    if (x == NULL) return OXY_INT_ERR;
    PyObject *y = oxy_int_box(b);
    if (y == NULL) {
        Py_DECREF(x);
        return OXY_INT_ERR;
    }
    PyObject *r = op(x, y);
    Py_DECREF(x);
    Py_DECREF(y);
    return oxy_int_from_long_obj_steal(r);
}

static oxy_int int_unop_generic(oxy_int a, unaryfunc op) {
    PyObject *x = oxy_int_box(a);
    if (x == NULL) return OXY_INT_ERR;
    PyObject *r = op(x);
    Py_DECREF(x);
    return oxy_int_from_long_obj_steal(r);
}

oxy_int oxy_int_add_slow(oxy_int a, oxy_int b) {
    if (OXY_INT_IS_SHORT(a) && OXY_INT_IS_SHORT(b))
        /* |x|, |y| <= 2**62: the int64 sum cannot overflow */
        return oxy_int_from_i64_slow(OXY_INT_SHORT_VALUE(a) + OXY_INT_SHORT_VALUE(b));
    return int_binop_generic(a, b, PyNumber_Add);
}

oxy_int oxy_int_sub_slow(oxy_int a, oxy_int b) {
    if (OXY_INT_IS_SHORT(a) && OXY_INT_IS_SHORT(b))
        return oxy_int_from_i64_slow(OXY_INT_SHORT_VALUE(a) - OXY_INT_SHORT_VALUE(b));
    return int_binop_generic(a, b, PyNumber_Subtract);
}

oxy_int oxy_int_mul_slow(oxy_int a, oxy_int b) {
    if (OXY_INT_IS_SHORT(a) && OXY_INT_IS_SHORT(b)) {
        int64_t p;
        if (!__builtin_mul_overflow(OXY_INT_SHORT_VALUE(a), OXY_INT_SHORT_VALUE(b), &p))
            return oxy_int_from_i64_slow(p);
    }
    return int_binop_generic(a, b, PyNumber_Multiply);
}

oxy_int oxy_int_floordiv_slow(oxy_int a, oxy_int b) {
    return int_binop_generic(a, b, PyNumber_FloorDivide);
}

oxy_int oxy_int_mod_slow(oxy_int a, oxy_int b) {
    return int_binop_generic(a, b, PyNumber_Remainder);
}

oxy_int oxy_int_lshift_slow(oxy_int a, oxy_int b) {
    if (a == 0 && OXY_INT_IS_SHORT(b) && b >= 0) return 0;
    return int_binop_generic(a, b, PyNumber_Lshift);
}

oxy_int oxy_int_rshift_slow(oxy_int a, oxy_int b) {
    /* A positive long of at most 64 bits (a 64-bit hash or random state) shifted by
       a small count: C arithmetic. */
    if (!OXY_INT_IS_SHORT(a) && OXY_INT_IS_SHORT(b)) {
        PyObject *o = OXY_INT_AS_OBJ(a);
        int64_t s = OXY_INT_SHORT_VALUE(b);
        int ok;
        uint64_t v = oxy_long_low64(o, &ok);
        /* (three digits hold 90 bits: the top one must add at most 4) */
        if (ok && s >= 0 && s < 64 && Py_SIZE(o) > 0 &&
            (Py_SIZE(o) < 3 || ((PyLongObject *)o)->ob_digit[2] < 16))
            return oxy_int_from_u64(v >> s);
    }
    return int_binop_generic(a, b, PyNumber_Rshift);
}

oxy_int oxy_int_and_slow(oxy_int a, oxy_int b) { return int_binop_generic(a, b, PyNumber_And); }
oxy_int oxy_int_or_slow(oxy_int a, oxy_int b) { return int_binop_generic(a, b, PyNumber_Or); }
oxy_int oxy_int_xor_slow(oxy_int a, oxy_int b) { return int_binop_generic(a, b, PyNumber_Xor); }

oxy_int oxy_int_neg_slow(oxy_int a) {
    if (OXY_INT_IS_SHORT(a)) return oxy_int_from_i64_slow(-OXY_INT_SHORT_VALUE(a));
    return int_unop_generic(a, PyNumber_Negative);
}

oxy_int oxy_int_invert_slow(oxy_int a) { return int_unop_generic(a, PyNumber_Invert); }

oxy_int oxy_int_abs_slow(oxy_int a) {
    if (OXY_INT_IS_SHORT(a)) return oxy_int_abs(a);
    return int_unop_generic(a, PyNumber_Absolute);
}

oxy_int oxy_int_pow(oxy_int a, oxy_int b) {
    int negative = OXY_INT_IS_SHORT(b) ? (b < 0) : (_PyLong_Sign(OXY_INT_AS_OBJ(b)) < 0);
    if (OXY_UNLIKELY(negative)) {
        PyErr_SetString(PyExc_TypeError, "oxy_int_pow: negative exponent");
        return OXY_INT_ERR;
    }
    if (OXY_INT_IS_SHORT(a) && OXY_INT_IS_SHORT(b)) {
        /* square-and-multiply; any int64 overflow means the result is long */
        int64_t base = OXY_INT_SHORT_VALUE(a), e = OXY_INT_SHORT_VALUE(b), acc = 1;
        int ok = 1;
        for (;;) {
            if ((e & 1) && __builtin_mul_overflow(acc, base, &acc)) {
                ok = 0;
                break;
            }
            e >>= 1;
            if (e == 0) break;
            if (__builtin_mul_overflow(base, base, &base)) {
                ok = 0;
                break;
            }
        }
        if (ok && OXY_INT_FITS_SHORT(acc)) return OXY_INT_FROM_SHORT(acc);
    }
    PyObject *x = oxy_int_box(a);
    if (x == NULL) return OXY_INT_ERR;
    PyObject *y = oxy_int_box(b);
    if (y == NULL) {
        Py_DECREF(x);
        return OXY_INT_ERR;
    }
    PyObject *r = PyNumber_Power(x, y, Py_None);
    Py_DECREF(x);
    Py_DECREF(y);
    return oxy_int_from_long_obj_steal(r);
}

/* The out-of-line forms (see oxyc_rt.h). */
oxy_int oxy_int_add_ool(oxy_int a, oxy_int b) { return oxy_int_add(a, b); }
oxy_int oxy_int_sub_ool(oxy_int a, oxy_int b) { return oxy_int_sub(a, b); }
oxy_int oxy_int_mul_ool(oxy_int a, oxy_int b) { return oxy_int_mul(a, b); }
oxy_int oxy_int_floordiv_ool(oxy_int a, oxy_int b) { return oxy_int_floordiv(a, b); }
oxy_int oxy_int_mod_ool(oxy_int a, oxy_int b) { return oxy_int_mod(a, b); }
oxy_int oxy_int_lshift_ool(oxy_int a, oxy_int b) { return oxy_int_lshift(a, b); }
oxy_int oxy_int_rshift_ool(oxy_int a, oxy_int b) { return oxy_int_rshift(a, b); }
oxy_int oxy_int_and_ool(oxy_int a, oxy_int b) { return oxy_int_and(a, b); }
oxy_int oxy_int_or_ool(oxy_int a, oxy_int b) { return oxy_int_or(a, b); }
oxy_int oxy_int_xor_ool(oxy_int a, oxy_int b) { return oxy_int_xor(a, b); }
int oxy_int_cmp_ool(oxy_int a, oxy_int b) {
    if (OXY_LIKELY(((a | b) & 1) == 0)) return (a > b) - (a < b);
    return oxy_int_compare_slow(a, b);
}

PyObject *oxy_int_divmod(oxy_int a, oxy_int b) {
    oxy_int q = oxy_int_floordiv(a, b);
    if (q == OXY_INT_ERR) return NULL;
    oxy_int r = oxy_int_mod(a, b);
    if (r == OXY_INT_ERR) {
        oxy_int_decref(q);
        return NULL;
    }
    PyObject *qo = oxy_int_box(q);
    PyObject *ro = oxy_int_box(r);
    oxy_int_decref(q);
    oxy_int_decref(r);
    PyObject *t = NULL;
    if (qo != NULL && ro != NULL) t = PyTuple_Pack(2, qo, ro);
    Py_XDECREF(qo);
    Py_XDECREF(ro);
    return t;
}

/* ---- comparison of non-short operands --------------------------------- */

/* Sign of a long-form int (never 0 in canonical form). */
static inline int long_sign(oxy_int x) { return _PyLong_Sign(OXY_INT_AS_OBJ(x)); }

int oxy_int_compare_slow(oxy_int a, oxy_int b) {
    if (OXY_INT_IS_SHORT(a)) {
        if (OXY_INT_IS_SHORT(b)) return (a > b) - (a < b);
        /* a long b lies outside the short range, on the side of its sign */
        return long_sign(b) > 0 ? -1 : 1;
    }
    if (OXY_INT_IS_SHORT(b)) return long_sign(a) > 0 ? 1 : -1;
    PyObject *x = OXY_INT_AS_OBJ(a), *y = OXY_INT_AS_OBJ(b);
    if (x == y) return 0;
#if PY_VERSION_HEX < 0x030C0000
    {
        Py_ssize_t sx = Py_SIZE(x), sy = Py_SIZE(y);
        if (sx != sy) return sx < sy ? -1 : 1;
        const digit *dx = ((PyLongObject *)x)->ob_digit, *dy = ((PyLongObject *)y)->ob_digit;
        Py_ssize_t i = sx < 0 ? -sx : sx;
        while (--i >= 0) {
            if (dx[i] != dy[i]) {
                int c = dx[i] < dy[i] ? -1 : 1;
                return sx < 0 ? -c : c;
            }
        }
        return 0;
    }
#else
    /* exact ints: these comparisons cannot fail */
    if (PyObject_RichCompareBool(x, y, Py_EQ) == 1) return 0;
    return PyObject_RichCompareBool(x, y, Py_LT) == 1 ? -1 : 1;
#endif
}

/* ---- conversions ------------------------------------------------------- */

double oxy_int_truediv_slow(oxy_int a, oxy_int b) {
    PyObject *x = oxy_int_box(a);
    if (x == NULL) return OXY_FLOAT_ERR;
    PyObject *y = oxy_int_box(b);
    if (y == NULL) {
        Py_DECREF(x);
        return OXY_FLOAT_ERR;
    }
    PyObject *r = PyNumber_TrueDivide(x, y);
    Py_DECREF(x);
    Py_DECREF(y);
    if (r == NULL) return OXY_FLOAT_ERR;
    double d = PyFloat_AsDouble(r);
    Py_DECREF(r);
    if (d == -1.0 && PyErr_Occurred()) return OXY_FLOAT_ERR;
    return d;
}

double oxy_int_to_double_slow(oxy_int a) {
    if (OXY_INT_IS_SHORT(a)) return (double)OXY_INT_SHORT_VALUE(a);
    double d = PyLong_AsDouble(OXY_INT_AS_OBJ(a));
    if (d == -1.0 && PyErr_Occurred()) return OXY_FLOAT_ERR;
    return d;
}

oxy_int oxy_int_from_double_slow(double d) {
    /* PyLong_FromDouble raises the NaN / infinity errors of int(float) */
    return oxy_int_from_long_obj_steal(PyLong_FromDouble(d));
}

PyObject *oxy_float_to_str(double d) {
    /* (What float.__repr__ does, without the float object.) */
    char *buf = PyOS_double_to_string(d, 'r', 0, Py_DTSF_ADD_DOT_0, NULL);
    if (buf == NULL) return NULL;
    PyObject *s = PyUnicode_FromString(buf);
    PyMem_Free(buf);
    return s;
}

oxy_int oxy_float_round(double x) {
    /* round half to even: round() rounds halves away from zero, so correct
       exact halves by rounding x/2 (exact) and doubling */
    double r = round(x);
    if (fabs(x - r) == 0.5) r = 2.0 * round(x / 2.0);
    return oxy_int_from_double(r);
}

/* ax * 10**n rounded half-even to an integer, computed exactly: for a finite
   0 < ax < 2**52 and 0 <= n <= 22 (ax = m * 2**-k with m < 2**53, and
   m * 10**22 < 2**127). */
static unsigned __int128 oxy_scaled_half_even(double ax, int n) {
    uint64_t bits;
    memcpy(&bits, &ax, sizeof bits);
    int exp = (int)(bits >> 52);
    uint64_t m = bits & (((uint64_t)1 << 52) - 1);
    int k;
    if (exp == 0) {
        k = 1074;
    } else {
        m |= (uint64_t)1 << 52;
        k = 1075 - exp;
    }
    unsigned __int128 ten = 1;
    for (int i = 0; i < n; i++) ten *= 10;
    unsigned __int128 num = (unsigned __int128)m * ten, q = 0;
    /* (k >= 1 here, as ax < 2**52; from k = 128 on, num * 2**-k < 1/2 rounds to 0) */
    if (k < 128) {
        q = num >> k;
        unsigned __int128 rem = num - (q << k), half = (unsigned __int128)1 << (k - 1);
        if (rem > half || (rem == half && (q & 1))) q++;
    }
    return q;
}

double oxy_float_round_to(double x, oxy_int ndigits) {
    if (OXY_INT_IS_SHORT(ndigits) && isfinite(x)) {
        int64_t n = OXY_INT_SHORT_VALUE(ndigits);
        double ax = fabs(x);
        /* (Zero, and a float of 2**52 or more, which is whole, round to themselves.) */
        if (n >= 0 && (ax == 0.0 || ax >= 4503599627370496.0)) return x;
        if (n >= 0 && n <= 22) {
            static const double p10[23] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                           1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                           1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
            unsigned __int128 q = oxy_scaled_half_even(ax, (int)n);
            if (q < ((unsigned __int128)1 << 53))
                /* Both exact: one correctly rounded division. */
                return copysign((double)(uint64_t)q / p10[n], x);
        }
    }
    PyObject *f = PyFloat_FromDouble(x);
    if (f == NULL) return OXY_FLOAT_ERR;
    PyObject *nd = oxy_int_box(ndigits);
    if (nd == NULL) {
        Py_DECREF(f);
        return OXY_FLOAT_ERR;
    }
    static PyObject *name;
    if (name == NULL && (name = PyUnicode_InternFromString("__round__")) == NULL) {
        Py_DECREF(f);
        Py_DECREF(nd);
        return OXY_FLOAT_ERR;
    }
    PyObject *r = PyObject_CallMethodOneArg(f, name, nd);
    Py_DECREF(f);
    Py_DECREF(nd);
    if (r == NULL) return OXY_FLOAT_ERR;
    double d = PyFloat_AsDouble(r);
    Py_DECREF(r);
    if (d == -1.0 && PyErr_Occurred()) return OXY_FLOAT_ERR;
    return d;
}

oxy_int oxy_int_bit_length(oxy_int x) {
    if (OXY_INT_IS_SHORT(x)) {
        int64_t v = OXY_INT_SHORT_VALUE(x);
        uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
        if (u == 0) return 0;
        return OXY_INT_FROM_SHORT(64 - __builtin_clzll(u));
    }
    size_t nbits = _PyLong_NumBits(OXY_INT_AS_OBJ(x));
    if (nbits == (size_t)-1 && PyErr_Occurred()) return OXY_INT_ERR;
    if (nbits > (size_t)OXY_INT_SHORT_MAX) {
        return oxy_int_from_long_obj_steal(PyLong_FromSize_t(nbits));
    }
    return OXY_INT_FROM_SHORT((int64_t)nbits);
}

/* ======================================================================== */
/* Floats                                                                    */
/* ======================================================================== */

double oxy_float_div_slow(double a, double b) {
    if (b == 0.0) {
        PyErr_SetString(PyExc_ZeroDivisionError, "float division by zero");
        return OXY_FLOAT_ERR;
    }
    return a / b;
}

/* Python's float divmod for wx != 0: floor quotient and remainder with the
   sign of the divisor, with CPython's treatment of zeros, infinities and
   NaNs. */
static void float_divmod_core(double vx, double wx, double *pdiv, double *pmod) {
    double mod = fmod(vx, wx);
    /* vx - mod is (close to) a multiple of wx */
    double div = (vx - mod) / wx;
    if (mod != 0.0) {
        /* the remainder takes the sign of the divisor */
        if ((wx < 0) != (mod < 0)) {
            mod += wx;
            div -= 1.0;
        }
    } else {
        /* zero remainder: its sign is the divisor's */
        mod = copysign(0.0, wx);
    }
    double floordiv;
    if (div != 0.0) {
        floordiv = floor(div);
        /* div may be a hair below an integer */
        if (div - floordiv > 0.5) floordiv += 1.0;
    } else {
        /* a zero quotient keeps the sign of the true quotient */
        floordiv = copysign(0.0, vx / wx);
    }
    *pdiv = floordiv;
    *pmod = mod;
}

double oxy_float_floordiv(double a, double b) {
    if (OXY_UNLIKELY(b == 0.0)) {
        PyErr_SetString(PyExc_ZeroDivisionError, "float floor division by zero");
        return OXY_FLOAT_ERR;
    }
    double d, m;
    float_divmod_core(a, b, &d, &m);
    return d;
}

double oxy_float_mod(double a, double b) {
    if (OXY_UNLIKELY(b == 0.0)) {
        PyErr_SetString(PyExc_ZeroDivisionError, "float modulo");
        return OXY_FLOAT_ERR;
    }
    double m = fmod(a, b);
    if (m != 0.0) {
        if ((b < 0) != (m < 0)) m += b;
    } else {
        m = copysign(0.0, b);
    }
    return m;
}

PyObject *oxy_float_divmod(double a, double b) {
    if (OXY_UNLIKELY(b == 0.0)) {
        PyErr_SetString(PyExc_ZeroDivisionError, "float divmod()");
        return NULL;
    }
    double d, m;
    float_divmod_core(a, b, &d, &m);
    return Py_BuildValue("(dd)", d, m);
}

/* Is the (finite) double an odd integer? */
static inline int is_odd_integer(double x) { return fmod(fabs(x), 2.0) == 1.0; }

double oxy_float_pow(double iv, double iw) {
    /* special cases, in the order float.__pow__ checks them */
    if (iw == 0.0) return 1.0;              /* x**0 is 1, even for NaN x */
    if (isnan(iv)) return iv;               /* NaN**y (y != 0) is NaN */
    if (isnan(iw)) return iv == 1.0 ? 1.0 : iw;
    if (isinf(iw)) {
        double av = fabs(iv);
        if (av == 1.0) return 1.0;
        /* |x| > 1 with +inf, or |x| < 1 with -inf, diverges */
        if ((iw > 0.0) == (av > 1.0)) return fabs(iw);
        return 0.0;
    }
    if (isinf(iv)) {
        int odd = is_odd_integer(iw);
        if (iw > 0.0) return odd ? iv : fabs(iv);
        return odd ? copysign(0.0, iv) : 0.0;
    }
    if (iv == 0.0) {
        int odd = is_odd_integer(iw);
        if (iw < 0.0) {
            PyErr_SetString(PyExc_ZeroDivisionError, "0.0 cannot be raised to a negative power");
            return OXY_FLOAT_ERR;
        }
        return odd ? iv : 0.0;
    }
    int negate = 0;
    if (iv < 0.0) {
        if (iw != floor(iw)) {
            PyErr_SetString(PyExc_TypeError, "oxy_float_pow: complex result");
            return OXY_FLOAT_ERR;
        }
        iv = -iv;
        negate = is_odd_integer(iw);
    }
    if (iv == 1.0) return negate ? -1.0 : 1.0;
    errno = 0;
    double ix = pow(iv, iw);
    int err = errno;
    if (err == 0) {
        if (isinf(ix)) err = ERANGE;        /* overflow to infinity */
    } else if (err == ERANGE && ix == 0.0) {
        err = 0;                            /* underflow is not an error */
    }
    if (negate) ix = -ix;
    if (err != 0) {
        errno = err;
        PyErr_SetFromErrno(err == ERANGE ? PyExc_OverflowError : PyExc_ValueError);
        return OXY_FLOAT_ERR;
    }
    return ix;
}

double oxy_float_unbox_slow(PyObject *o) {
    double r;
    if (PyFloat_Check(o)) return PyFloat_AS_DOUBLE(o);
    if (PyLong_Check(o))
        r = PyLong_AsDouble(o);
    else
        r = PyFloat_AsDouble(o);
    if (r == -1.0 && PyErr_Occurred()) return OXY_FLOAT_ERR;
    return r;
}

/* ======================================================================== */
/* Recursion depth                                                           */
/* ======================================================================== */

_Thread_local int oxy_rt_call_depth __attribute__((tls_model("initial-exec"))) = 0;
int oxy_rt_recursion_limit = 0; /* 0: not read yet, so the first call reads it */

int oxy_enter_call_slow(void) {
    int limit = Py_GetRecursionLimit();
    oxy_rt_recursion_limit = limit;
    if (oxy_rt_call_depth > limit) {
        --oxy_rt_call_depth;
        PyErr_SetString(PyExc_RecursionError, "maximum recursion depth exceeded");
        return -1;
    }
    return 0;
}

_Thread_local uintptr_t oxy_rt_stack_limit __attribute__((tls_model("initial-exec"))) = 0;

void oxy_stack_init(void) {
    pthread_attr_t attr;
    void *addr = NULL;
    size_t size = 0;
    uintptr_t here = (uintptr_t)__builtin_frame_address(0);
    if (pthread_getattr_np(pthread_self(), &attr) == 0) {
        if (pthread_attr_getstack(&attr, &addr, &size) != 0) size = 0;
        pthread_attr_destroy(&attr);
    }
    if (size == 0 || here < (uintptr_t)addr || here > (uintptr_t)addr + size) {
        /* Unknown stack: assume 1 MiB below the current frame. */
        addr = (void *)(here > (1u << 20) ? here - (1u << 20) : 1);
        size = 1u << 20;
    }
    /* Keep a margin for the C API and the interpreter frames running above us. */
    size_t margin = size / 4 < (size_t)(256 * 1024) ? size / 4 : (size_t)(256 * 1024);
    oxy_rt_stack_limit = (uintptr_t)addr + margin;
}

void oxy_pin_singletons(void) {
#if OXY_PINNED_SINGLETONS
    /* (Once per process: a module imported later finds the counts already raised.
       At most 2^59 + 2^60, far from overflow either way.) */
    const Py_ssize_t pin = (Py_ssize_t)1 << 60;
    PyObject *singletons[] = {Py_None, Py_True, Py_False};
    for (size_t i = 0; i < sizeof singletons / sizeof singletons[0]; i++) {
        if (Py_REFCNT(singletons[i]) < pin / 2) singletons[i]->ob_refcnt += pin;
    }
#endif
}

PyTypeObject *oxy_plain_types[32];
unsigned oxy_plain_shift;

void oxy_plain_types_init(void) {
    if (oxy_plain_shift != 0) return;
    PyTypeObject *types[] = {&PyLong_Type,  &PyUnicode_Type, &PyFloat_Type, &PyList_Type,
                             &PyDict_Type,  &PyTuple_Type,   &PyBool_Type,  &_PyNone_Type,
                             &PyBytes_Type, &PySet_Type};
    size_t n = sizeof types / sizeof types[0];
    for (unsigned shift = 3; shift < 20; shift++) {
        PyTypeObject *table[32] = {NULL};
        size_t i = 0;
        for (; i < n; i++) {
            size_t slot = ((uintptr_t)types[i] >> shift) & 31;
            if (table[slot] != NULL) break;
            table[slot] = types[i];
        }
        if (i == n) {
            memcpy(oxy_plain_types, table, sizeof table);
            oxy_plain_shift = shift;
            return;
        }
    }
    oxy_plain_shift = 1; /* (no shift separates them: the table stays empty) */
}

int oxy_depth_check(int depth) {
    /* Recursive code without loops must still answer Ctrl-C promptly. */
    static unsigned int calls = 0; /* protected by the GIL */
    if (OXY_UNLIKELY((++calls & 1023) == 0) && oxy_loop_tick() < 0) return -1;
    if (depth <= oxy_rt_recursion_limit &&
        (uintptr_t)__builtin_frame_address(0) >= oxy_rt_stack_limit)
        return 0;
    return oxy_depth_exceeded(depth);
}

int oxy_depth_exceeded(int depth) {
    int limit = Py_GetRecursionLimit();
    oxy_rt_recursion_limit = limit;
    if (depth > limit) {
        PyErr_SetString(PyExc_RecursionError, "maximum recursion depth exceeded");
        return -1;
    }
    if ((uintptr_t)__builtin_frame_address(0) < oxy_rt_stack_limit) {
        PyErr_SetString(PyExc_RecursionError, "maximum recursion depth exceeded (the C stack is nearly full)");
        return -1;
    }
    return 0;
}

/* ======================================================================== */
/* min, max and sum of a list or tuple                                       */
/* ======================================================================== */

/* The value of an exact int of at most one 30-bit digit (*ok = 0 otherwise). */
static inline long small_long(PyObject *o, int *ok) {
    Py_ssize_t size = Py_SIZE(o);
    *ok = PyLong_CheckExact(o) && size >= -1 && size <= 1;
    if (!*ok) return 0;
    return size == 0 ? 0 : (long)((PyLongObject *)o)->ob_digit[0] * (long)size;
}

static PyObject *call_builtin1(const char *name, PyObject *arg) {
    PyObject *f = PyDict_GetItemString(PyEval_GetBuiltins(), name); /* borrowed */
    if (f == NULL) {
        PyErr_Format(PyExc_NameError, "name '%s' is not defined", name);
        return NULL;
    }
    return PyObject_CallOneArg(f, arg);
}

PyObject *oxy_seq_reduce(PyObject *seq, int which) {
    static const char *const names[] = {"min", "max", "sum"};
    int is_list = PyList_CheckExact(seq);
    if (!is_list && !PyTuple_CheckExact(seq)) return call_builtin1(names[which], seq);
#define SEQ_N() (is_list ? PyList_GET_SIZE(seq) : PyTuple_GET_SIZE(seq))
#define SEQ_AT(i) (is_list ? PyList_GET_ITEM(seq, i) : PyTuple_GET_ITEM(seq, i))
    if (which == 2) {
        long long acc = 0;
        Py_ssize_t i = 0;
        for (; i < SEQ_N(); i++) {
            int ok;
            long v = small_long(SEQ_AT(i), &ok);
            if (!ok) break;
            acc += v; /* (|v| < 2**30, at most 2**31 items: no overflow) */
        }
        PyObject *result = PyLong_FromLongLong(acc);
        for (; result != NULL && i < SEQ_N(); i++) {
            PyObject *item = Py_NewRef(SEQ_AT(i));
            Py_SETREF(result, PyNumber_Add(result, item));
            Py_DECREF(item);
        }
        return result;
    }
    if (SEQ_N() == 0) return call_builtin1(names[which], seq); /* raises ValueError */
    int op = which == 1 ? Py_GT : Py_LT;
    PyObject *best = Py_NewRef(SEQ_AT(0));
    for (Py_ssize_t i = 1; i < SEQ_N(); i++) {
        PyObject *item = SEQ_AT(i);
        int ok1, ok2, better;
        long a = small_long(item, &ok1), b = small_long(best, &ok2);
        if (ok1 && ok2) {
            better = which == 1 ? a > b : a < b;
        } else if (PyFloat_CheckExact(item) && PyFloat_CheckExact(best)) {
            double x = PyFloat_AS_DOUBLE(item), y = PyFloat_AS_DOUBLE(best);
            better = which == 1 ? x > y : x < y;
        } else {
            Py_INCREF(item);
            better = PyObject_RichCompareBool(item, best, op);
            Py_DECREF(item);
            if (better < 0) {
                Py_DECREF(best);
                return NULL;
            }
        }
        if (better) Py_SETREF(best, Py_NewRef(item));
    }
#undef SEQ_N
#undef SEQ_AT
    return best;
}

/* ======================================================================== */
/* Strings                                                                   */
/* ======================================================================== */

/* Where the characters [i0, j0) of p stripped of chars (an exact ASCII str, or
   None for whitespace) begin and end; which: 0 both ends, 1 left, 2 right. */
static void oxy_strip_bounds_at(const Py_UCS1 *p, Py_ssize_t i0, Py_ssize_t j0, PyObject *chars,
                                int which, Py_ssize_t *pi, Py_ssize_t *pj) {
    /* One bit per ASCII character of the set; a character of s at or above 128
       is never in it. */
    uint64_t set[2] = {0, 0};
    /* The set of the last chars seen, kept with a reference to them (so the pointer
       names the same immutable str): a loop stripping the same characters builds
       it once. */
    static PyObject *last_chars;
    static uint64_t last_set[2];
    if (chars == Py_None) {
        /* (str.isspace() of the ASCII characters) */
        set[0] = 0xF0003E00ull | ((uint64_t)1 << 32);
    } else if (chars == last_chars) {
        set[0] = last_set[0];
        set[1] = last_set[1];
    } else {
        const Py_UCS1 *c = PyUnicode_1BYTE_DATA(chars);
        Py_ssize_t nc = PyUnicode_GET_LENGTH(chars);
        for (Py_ssize_t k = 0; k < nc; k++) set[c[k] >> 6] |= (uint64_t)1 << (c[k] & 63);
        Py_INCREF(chars);
        Py_XSETREF(last_chars, chars);
        last_set[0] = set[0];
        last_set[1] = set[1];
    }
#define IN_SET(ch) ((ch) < 128 && ((set[(ch) >> 6] >> ((ch) & 63)) & 1))
    Py_ssize_t i = i0, j = j0;
    if (which != 2)
        while (i < j && IN_SET(p[i])) i++;
    if (which != 1)
        while (j > i && IN_SET(p[j - 1])) j--;
#undef IN_SET
    *pi = i;
    *pj = j;
}

/* The same for the whole of s (one byte per character). */
static void oxy_strip_bounds(PyObject *s, PyObject *chars, int which, Py_ssize_t *pi,
                             Py_ssize_t *pj) {
    oxy_strip_bounds_at(PyUnicode_1BYTE_DATA(s), 0, PyUnicode_GET_LENGTH(s), chars, which, pi, pj);
}

PyObject *oxy_str_strip_ascii_set(PyObject *s, PyObject *chars, int which) {
    Py_ssize_t i, j;
    oxy_strip_bounds(s, chars, which, &i, &j);
    /* (The whole of an exact str is the str itself, as str.strip returns it.) */
    return PyUnicode_Substring(s, i, j);
}

PyObject *oxy_str_strip_case(PyObject *s, PyObject *chars, int which, int upper) {
    if (PyUnicode_CheckExact(s) && PyUnicode_IS_ASCII(s) &&
        (chars == Py_None || (PyUnicode_CheckExact(chars) && PyUnicode_IS_ASCII(chars)))) {
        Py_ssize_t i, j;
        oxy_strip_bounds(s, chars, which, &i, &j);
        PyObject *r = PyUnicode_New(j - i, 127);
        if (r == NULL) return NULL;
        const Py_UCS1 *p = PyUnicode_1BYTE_DATA(s) + i;
        Py_UCS1 *q = PyUnicode_1BYTE_DATA(r);
        if (upper)
            for (Py_ssize_t k = 0; k < j - i; k++) q[k] = (Py_UCS1)Py_TOUPPER(p[k]);
        else
            for (Py_ssize_t k = 0; k < j - i; k++) q[k] = (Py_UCS1)Py_TOLOWER(p[k]);
        return r;
    }
    PyObject *t = oxy_str_strip(s, chars, which);
    if (t == NULL) return NULL;
    PyObject *r = oxy_str_case(t, upper);
    Py_DECREF(t);
    return r;
}

/* ---- `for t in s.split():` without the list (see oxyc_irbuild::token_local) ---- */

PyObject *oxy_split_walk(PyObject *s) {
    if (PyUnicode_CheckExact(s) && PyUnicode_IS_ASCII(s)) return Py_NewRef(s);
    static PyObject *name;
    PyObject *parts;
    if (PyUnicode_CheckExact(s)) {
        parts = PyUnicode_Split(s, NULL, -1);
    } else {
        if (name == NULL && (name = PyUnicode_InternFromString("split")) == NULL) return NULL;
        parts = PyObject_CallMethodNoArgs(s, name);
    }
    if (parts == NULL) return NULL;
    PyObject *it = PyObject_GetIter(parts);
    Py_DECREF(parts);
    return it;
}

PyObject *oxy_tok_str(PyObject *base, Py_ssize_t i, Py_ssize_t j) {
    if (i < 0) return Py_NewRef(base);
    return PyUnicode_Substring(base, i, j);
}

/* Can the token's characters be stripped of chars in place? */
static int tok_in_place(Py_ssize_t i, PyObject *chars) {
    return i >= 0 && (chars == Py_None || (PyUnicode_CheckExact(chars) && PyUnicode_IS_ASCII(chars)));
}

PyObject *oxy_tok_strip(PyObject *base, Py_ssize_t i, Py_ssize_t j, PyObject *chars, int which) {
    if (!tok_in_place(i, chars)) {
        PyObject *t = oxy_tok_str(base, i, j);
        if (t == NULL) return NULL;
        PyObject *r = oxy_str_strip(t, chars, which);
        Py_DECREF(t);
        return r;
    }
    Py_ssize_t a, b;
    oxy_strip_bounds_at(PyUnicode_1BYTE_DATA(base), i, j, chars, which, &a, &b);
    return PyUnicode_Substring(base, a, b);
}

PyObject *oxy_tok_strip_case(PyObject *base, Py_ssize_t i, Py_ssize_t j, PyObject *chars,
                             int which, int upper) {
    if (!tok_in_place(i, chars)) {
        PyObject *t = oxy_tok_str(base, i, j);
        if (t == NULL) return NULL;
        PyObject *r = oxy_str_strip_case(t, chars, which, upper);
        Py_DECREF(t);
        return r;
    }
    Py_ssize_t a, b;
    oxy_strip_bounds_at(PyUnicode_1BYTE_DATA(base), i, j, chars, which, &a, &b);
    PyObject *r = PyUnicode_New(b - a, 127);
    if (r == NULL) return NULL;
    const Py_UCS1 *p = PyUnicode_1BYTE_DATA(base) + a;
    Py_UCS1 *q = PyUnicode_1BYTE_DATA(r);
    if (upper)
        for (Py_ssize_t k = 0; k < b - a; k++) q[k] = (Py_UCS1)Py_TOUPPER(p[k]);
    else
        for (Py_ssize_t k = 0; k < b - a; k++) q[k] = (Py_UCS1)Py_TOLOWER(p[k]);
    return r;
}

/* The whitespace int() skips around the digits of an ASCII str. */
#define OXY_INT_SPACE(c) ((c) == ' ' || ((c) >= '\t' && (c) <= '\r'))

oxy_int oxy_str_to_int(PyObject *s) {
    if (PyUnicode_CheckExact(s) && PyUnicode_IS_ASCII(s)) {
        Py_ssize_t n = PyUnicode_GET_LENGTH(s), i = 0;
        const Py_UCS1 *p = PyUnicode_1BYTE_DATA(s);
        while (i < n && OXY_INT_SPACE(p[i])) i++;
        while (n > i && OXY_INT_SPACE(p[n - 1])) n--;
        int neg = 0;
        if (i < n && (p[i] == '-' || p[i] == '+')) {
            neg = p[i] == '-';
            i++;
        }
        /* (18 digits stay below 2**62: a short int) */
        if (n - i >= 1 && n - i <= 18) {
            int64_t v = 0;
            Py_ssize_t j = i;
            for (; j < n; j++) {
                unsigned d = (unsigned)p[j] - '0';
                if (d > 9) break;
                v = v * 10 + d;
            }
            if (j == n) return OXY_INT_FROM_SHORT(neg ? -v : v);
        }
    }
    /* Whitespace, underscores, other digits, long ones, errors: int() itself. */
    PyObject *o = PyNumber_Long(s);
    if (o == NULL) return OXY_INT_ERR;
    oxy_int r = oxy_int_from_long_obj(o);
    Py_DECREF(o);
    return r;
}

#undef OXY_INT_SPACE

/* ======================================================================== */
/* Chains of + on strs: a + b + c made at once                               */
/* ======================================================================== */

/* "The operands so far are exact strs, not yet concatenated": an object no Python
   code ever sees (only these functions and the registers between them hold it). */
static PyObject oxy_cat_pending_obj = {_PyObject_EXTRA_INIT 1, &PyBaseObject_Type};
#define OXY_CAT_PENDING (&oxy_cat_pending_obj)

/* The n exact strs of parts, concatenated: the one non-empty part itself, as
   adding empty strs gives it, else one new str. */
static PyObject *oxy_cat_join(PyObject *const *parts, int n) {
    Py_ssize_t len = 0;
    Py_UCS4 maxchar = 0;
    int nonempty = 0;
    PyObject *only = parts[n - 1];
    for (int i = 0; i < n; i++) {
        Py_ssize_t k = PyUnicode_GET_LENGTH(parts[i]);
        if (k == 0) continue;
        if (k > PY_SSIZE_T_MAX - len) {
            PyErr_SetString(PyExc_OverflowError, "strings are too large to concat");
            return NULL;
        }
        len += k;
        nonempty++;
        only = parts[i];
        Py_UCS4 m = PyUnicode_MAX_CHAR_VALUE(parts[i]);
        if (m > maxchar) maxchar = m;
    }
    if (nonempty <= 1) return Py_NewRef(only);
    PyObject *r = PyUnicode_New(len, maxchar);
    if (r == NULL) return NULL;
    int kind = PyUnicode_KIND(r);
    char *data = PyUnicode_DATA(r);
    Py_ssize_t at = 0;
    for (int i = 0; i < n; i++) {
        Py_ssize_t k = PyUnicode_GET_LENGTH(parts[i]);
        if (k == 0) continue;
        if (PyUnicode_KIND(parts[i]) == kind)
            memcpy(data + at * kind, PyUnicode_DATA(parts[i]), (size_t)(k * kind));
        else
            _PyUnicode_FastCopyCharacters(r, at, parts[i], 0, k);
        at += k;
    }
    return r;
}

PyObject *oxy_cat_pair(PyObject *a, PyObject *b) {
    if (PyUnicode_CheckExact(a) && PyUnicode_CheckExact(b)) return Py_NewRef(OXY_CAT_PENDING);
    return PyNumber_Add(a, b);
}

PyObject *oxy_cat_next(PyObject *const *parts, int n, PyObject *sum, PyObject *x, int last) {
    if (sum == OXY_CAT_PENDING) {
        if (PyUnicode_CheckExact(x)) {
            if (!last) return Py_NewRef(OXY_CAT_PENDING);
            PyObject *all[8];
            for (int i = 0; i < n; i++) all[i] = parts[i];
            all[n] = x;
            return oxy_cat_join(all, n + 1);
        }
        /* (x may be a subclass with its own __radd__: the sum so far, then +) */
        PyObject *acc = oxy_cat_join(parts, n);
        if (acc == NULL) return NULL;
        PyObject *r = PyNumber_Add(acc, x);
        Py_DECREF(acc);
        return r;
    }
    return PyNumber_Add(sum, x);
}

/* ======================================================================== */
/* Formatting: format(x, spec) of ints, floats and strs                      */
/* ======================================================================== */

/* The parts of a format spec that the fast paths below handle. */
typedef struct {
    Py_UCS1 fill;   /* ' ' unless given (or '0' by the zero flag) */
    Py_UCS1 align;  /* '<', '>', '=', '^', or 0: the type's default */
    Py_UCS1 sign;   /* '+', ' ', or 0 ('-' is the default) */
    Py_UCS1 zero;   /* the zero flag was given */
    Py_UCS1 type;   /* the presentation type, or 0 */
    Py_ssize_t width;     /* -1: none */
    Py_ssize_t precision; /* -1: none */
} oxy_fmt;

/* Reads an ASCII spec "[[fill]align][sign][0][width][.precision][type]" by
   format()'s rules (a fill needs an align after it; the zero flag sets the fill
   to '0' when none is given, and the align to '=' when none is given). 0 for
   anything else (`#`, `z`, grouping, widths and precisions of 5 digits or more,
   non-ASCII), which the callers leave to format() itself. */
static int oxy_fmt_parse(PyObject *spec, oxy_fmt *f) {
    if (!PyUnicode_IS_ASCII(spec)) return 0;
    const Py_UCS1 *p = PyUnicode_1BYTE_DATA(spec);
    Py_ssize_t n = PyUnicode_GET_LENGTH(spec), i = 0;
    f->fill = ' ';
    f->align = 0;
    f->sign = 0;
    f->zero = 0;
    f->type = 0;
    f->width = -1;
    f->precision = -1;
    int fill_given = 0;
#define IS_ALIGN(c) ((c) == '<' || (c) == '>' || (c) == '=' || (c) == '^')
    if (n >= 2 && IS_ALIGN(p[1])) {
        f->fill = p[0];
        f->align = p[1];
        fill_given = 1;
        i = 2;
    } else if (n >= 1 && IS_ALIGN(p[0])) {
        f->align = p[0];
        i = 1;
    }
#undef IS_ALIGN
    if (i < n && (p[i] == '+' || p[i] == ' ')) f->sign = p[i++];
    else if (i < n && p[i] == '-') i++;
    if (!fill_given && i < n && p[i] == '0') {
        f->fill = '0';
        f->zero = 1;
        if (!f->align) f->align = '=';
        i++;
    }
    Py_ssize_t start = i, v = 0;
    while (i < n && p[i] >= '0' && p[i] <= '9') v = v * 10 + (p[i++] - '0');
    if (i - start > 4) return 0;
    if (i > start) f->width = v;
    if (i < n && p[i] == '.') {
        start = ++i;
        v = 0;
        while (i < n && p[i] >= '0' && p[i] <= '9') v = v * 10 + (p[i++] - '0');
        if (i == start || i - start > 4) return 0;
        f->precision = v;
    }
    if (i < n) f->type = p[i++];
    return i == n;
}

/* The text `sign body` laid out in f's width, fill and alignment (default
   `dflt`), as format() lays out numbers and strings: '=' puts the fill between
   the sign and the body. body has n characters of at most maxchar. */
static PyObject *oxy_fmt_layout(const oxy_fmt *f, Py_UCS1 dflt, char sign, PyObject *body_obj,
                                const char *body, Py_ssize_t n) {
    Py_ssize_t ns = sign ? 1 : 0, len = ns + n;
    Py_ssize_t pad = f->width > len ? f->width - len : 0, left = 0, mid = 0;
    switch (f->align ? f->align : dflt) {
    case '>': left = pad; break;
    case '^': left = pad / 2; break;
    case '=': mid = pad; break;
    default: break;
    }
    Py_UCS4 maxchar = body_obj ? PyUnicode_MAX_CHAR_VALUE(body_obj) : 127;
    if (pad && f->fill > maxchar) maxchar = f->fill;
    PyObject *r = PyUnicode_New(len + pad, maxchar);
    if (r == NULL) return NULL;
    Py_ssize_t at = 0;
    if (left) PyUnicode_Fill(r, at, left, f->fill);
    at += left;
    if (sign) PyUnicode_WRITE(PyUnicode_KIND(r), PyUnicode_DATA(r), at++, (Py_UCS4)sign);
    if (mid) PyUnicode_Fill(r, at, mid, f->fill);
    at += mid;
    if (body_obj) {
        if (n) _PyUnicode_FastCopyCharacters(r, at, body_obj, 0, n);
    } else if (PyUnicode_KIND(r) == PyUnicode_1BYTE_KIND) {
        memcpy(PyUnicode_1BYTE_DATA(r) + at, body, (size_t)n);
    } else {
        for (Py_ssize_t k = 0; k < n; k++)
            PyUnicode_WRITE(PyUnicode_KIND(r), PyUnicode_DATA(r), at + k, (Py_UCS1)body[k]);
    }
    at += n;
    if (pad - left - mid) PyUnicode_Fill(r, at, pad - left - mid, f->fill);
    return r;
}

/* The digits of |v| in base 2, 8, 10 or 16 (upper: A-F), written backwards
   from end; returns where they start. */
static char *oxy_fmt_digits(int64_t v, unsigned base, int upper, char *end) {
    static const char lower_digits[] = "0123456789abcdef", upper_digits[] = "0123456789ABCDEF";
    const char *d = upper ? upper_digits : lower_digits;
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    char *p = end;
    do {
        *--p = d[u % base];
        u /= base;
    } while (u);
    return p;
}

PyObject *oxy_int_to_str(oxy_int v) {
    if (OXY_INT_IS_SHORT(v)) {
        int64_t x = OXY_INT_SHORT_VALUE(v);
        char buf[24], *end = buf + sizeof buf;
        char *p = oxy_fmt_digits(x, 10, 0, end);
        if (x < 0) *--p = '-';
        PyObject *r = PyUnicode_New(end - p, 127);
        if (r == NULL) return NULL;
        memcpy(PyUnicode_1BYTE_DATA(r), p, (size_t)(end - p));
        return r;
    }
    return PyObject_Str(OXY_INT_AS_OBJ(v));
}

PyObject *oxy_format_int(oxy_int v, PyObject *spec) {
    if (OXY_INT_IS_SHORT(v)) {
        if (PyUnicode_GET_LENGTH(spec) == 0) return oxy_int_to_str(v);
        oxy_fmt f;
        if (oxy_fmt_parse(spec, &f) && f.precision < 0) {
            unsigned base = 0;
            switch (f.type) {
            case 0: case 'd': base = 10; break;
            case 'x': case 'X': base = 16; break;
            case 'o': base = 8; break;
            case 'b': base = 2; break;
            default: break;
            }
            if (base) {
                int64_t x = OXY_INT_SHORT_VALUE(v);
                char buf[72], *end = buf + sizeof buf;
                char *p = oxy_fmt_digits(x, base, f.type == 'X', end);
                char sign = x < 0 ? '-' : (char)f.sign;
                return oxy_fmt_layout(&f, '>', sign, NULL, p, end - p);
            }
        }
    }
    PyObject *o = oxy_int_box(v);
    if (o == NULL) return NULL;
    PyObject *r = PyObject_Format(o, spec);
    Py_DECREF(o);
    return r;
}

PyObject *oxy_format_float(double x, PyObject *spec) {
    if (PyUnicode_GET_LENGTH(spec) == 0) return oxy_float_to_str(x);
    oxy_fmt f;
    if (oxy_fmt_parse(spec, &f) && f.type && strchr("fFeEgG", f.type) != NULL) {
        int prec = f.precision < 0 ? 6 : (int)f.precision;
        double ax = fabs(x);
        if ((f.type == 'f' || f.type == 'F') && prec <= 22 && ax < 4503599627370496.0) {
            /* Fixed point: the digits of x * 10**prec rounded half-even, exactly as
               the correctly rounded conversion gives them. */
            unsigned __int128 q = ax == 0.0 ? 0 : oxy_scaled_half_even(ax, prec);
            if (q >> 64 == 0) {
                char buf[48], *end = buf + sizeof buf, *p = end;
                uint64_t v = (uint64_t)q;
                do {
                    *--p = (char)('0' + v % 10);
                    v /= 10;
                } while (v);
                while (end - p < prec + 1) *--p = '0';
                if (prec > 0) {
                    /* (the point goes before the last prec digits) */
                    Py_ssize_t whole = (end - p) - prec;
                    memmove(p - 1, p, (size_t)whole);
                    p--;
                    p[whole] = '.';
                }
                char sign = signbit(x) ? '-' : (char)f.sign;
                return oxy_fmt_layout(&f, '>', sign, NULL, p, end - p);
            }
        }
        char *buf = PyOS_double_to_string(x, (char)f.type, prec, 0, NULL);
        if (buf == NULL) return NULL;
        const char *p = buf;
        char sign = (char)f.sign;
        if (*p == '-') {
            sign = '-';
            p++;
        }
        PyObject *r = oxy_fmt_layout(&f, '>', sign, NULL, p, (Py_ssize_t)strlen(p));
        PyMem_Free(buf);
        return r;
    }
    PyObject *o = PyFloat_FromDouble(x);
    if (o == NULL) return NULL;
    PyObject *r = PyObject_Format(o, spec);
    Py_DECREF(o);
    return r;
}

PyObject *oxy_format_str(PyObject *s, PyObject *spec) {
    if (PyUnicode_CheckExact(s)) {
        if (PyUnicode_GET_LENGTH(spec) == 0) return Py_NewRef(s);
        oxy_fmt f;
        if (oxy_fmt_parse(spec, &f) && (f.type == 0 || f.type == 's') && !f.sign && !f.zero &&
            f.align != '=') {
            Py_ssize_t n = PyUnicode_GET_LENGTH(s);
            if (f.precision >= 0 && f.precision < n) {
                /* (A substring, so that the result's kind is the smallest that fits.) */
                PyObject *cut = PyUnicode_Substring(s, 0, f.precision);
                if (cut == NULL) return NULL;
                PyObject *r = oxy_fmt_layout(&f, '<', 0, cut, NULL, f.precision);
                Py_DECREF(cut);
                return r;
            }
            if (f.width <= n) return Py_NewRef(s);
            return oxy_fmt_layout(&f, '<', 0, s, NULL, n);
        }
    }
    return PyObject_Format(s, spec);
}

PyObject *oxy_str_pad(PyObject *s, Py_ssize_t width, int left) {
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    if (n >= width) return Py_NewRef(s);
    oxy_fmt f = {' ', left ? '<' : '>', 0, 0, 0, width, -1};
    return oxy_fmt_layout(&f, '<', 0, s, NULL, n);
}

/* ======================================================================== */
/* Lists                                                                     */
/* ======================================================================== */

/* The pool of freed lists (see oxy_list_new): untracked, reference count 0, size 0,
   `allocated` the capacity of the item array kept (NULL and 0 if none). */
PyObject *oxy_list_pool[OXY_LIST_POOL];
int oxy_list_npool;

PyObject *oxy_list_from_pool_grow(Py_ssize_t n) {
    PyListObject *l = (PyListObject *)oxy_list_pool[oxy_list_npool - 1];
    PyObject **items = PyMem_Realloc(l->ob_item, (size_t)n * sizeof(PyObject *));
    if (items == NULL) return PyErr_NoMemory();
    l->ob_item = items;
    l->allocated = n;
    return oxy_list_new(n);
}

#if OXY_HAVE_LIST_POOL
/* The items of an untracked list whose count reached 0, then the list itself (to
   the pool if it has room). */
static inline __attribute__((always_inline)) void list_free_body(PyObject *op) {
    PyListObject *l = (PyListObject *)op;
    /* The items go last to first, as in list_dealloc.  Their deallocation may run
       Python code: the list is unreachable meanwhile. */
    Py_ssize_t i = Py_SIZE(op);
    while (--i >= 0) Py_XDECREF(l->ob_item[i]);
    Py_SET_SIZE(op, 0);
    if (l->allocated > OXY_LIST_POOL_ITEMS) {
        PyMem_Free(l->ob_item);
        l->ob_item = NULL;
        l->allocated = 0;
    }
    /* (That code may have filled the pool.) */
    if (oxy_list_npool < OXY_LIST_POOL) {
        oxy_list_pool[oxy_list_npool++] = op;
    } else {
        PyMem_Free(l->ob_item);
        PyObject_GC_Del(op);
    }
}

/* oxy_list_free calls in progress (GIL-protected). */
static int list_free_nesting;
#endif

void oxy_list_free(PyObject *op) {
#if OXY_HAVE_LIST_POOL
    if (PyList_CheckExact(op) && oxy_list_npool < OXY_LIST_POOL) {
        PyObject_GC_UnTrack(op);
        /* An item's __del__ may free another such list, and so on down a chain of
           objects: past a few levels, CPython's guard for nested deallocations
           (the trashcan, as in list_dealloc) bounds the C stack; a list it defers
           is freed later by list_dealloc. */
        if (OXY_LIKELY(list_free_nesting < 40)) {
            list_free_nesting++;
            list_free_body(op);
            list_free_nesting--;
        } else {
            Py_TRASHCAN_BEGIN(op, PyList_Type.tp_dealloc)
            list_free_body(op);
            Py_TRASHCAN_END
        }
        return;
    }
#endif
    _Py_Dealloc(op);
}

PyObject *oxy_list_slice_tuple(PyObject *l, oxy_int lo, oxy_int hi, int flags) {
    int has_lo = flags & 1, has_hi = flags & 2;
    if (PyList_CheckExact(l) && (!has_lo || OXY_INT_IS_SHORT(lo)) &&
        (!has_hi || OXY_INT_IS_SHORT(hi))) {
        Py_ssize_t start = has_lo ? (Py_ssize_t)OXY_INT_SHORT_VALUE(lo) : 0;
        Py_ssize_t stop = has_hi ? (Py_ssize_t)OXY_INT_SHORT_VALUE(hi) : PyList_GET_SIZE(l);
        Py_ssize_t n = PySlice_AdjustIndices(PyList_GET_SIZE(l), &start, &stop, 1);
        PyObject *t = PyTuple_New(n);
        if (t == NULL) return NULL;
        /* (Making the tuple runs no Python code: the list cannot change meanwhile.) */
        for (Py_ssize_t i = 0; i < n; i++) {
            PyObject *x = PyList_GET_ITEM(l, start + i);
            Py_INCREF(x);
            PyTuple_SET_ITEM(t, i, x);
        }
        return t;
    }
    PyObject *sliced = oxy_list_slice(l, lo, hi, flags);
    if (sliced == NULL) return NULL;
    PyObject *t = PySequence_Tuple(sliced);
    Py_DECREF(sliced);
    return t;
}

/* ======================================================================== */
/* Tuple keys: their hash computed once, lookups that take it               */
/* ======================================================================== */

/* The interpreter hashes a tuple key afresh at every `key in s`, `s.add(key)`,
 * `d[key]`: each time it walks the tuple and calls every item's hash.  Compiled
 * code asks `oxy_hash_pure` once per key and hands the answer to the lookups
 * below.  That is only the same program when hashing the key cannot run Python
 * code and cannot give another answer later: when the key is a "pure" value, an
 * exact int, str, float, bytes, bool or None, or an exact tuple of pure values.
 * For any other key `oxy_hash_pure` answers -1 (a value no hash takes) without
 * hashing anything, and the lookup hashes the key itself, when and as the
 * interpreter would. */

#if SIZEOF_PY_HASH_T == 8
/* The constants of the tuple hash (xxHash's primes, 64-bit). */
#define OXY_XXPRIME_1 ((Py_uhash_t)11400714785074694791ULL)
#define OXY_XXPRIME_2 ((Py_uhash_t)14029467366897019727ULL)
#define OXY_XXPRIME_5 ((Py_uhash_t)2870177450012600261ULL)

/* Nested tuples deeper than this are left to the interpreter's hash. */
#define OXY_HASH_MAX_DEPTH 16

static Py_hash_t oxy_hash_tuple_at(PyObject *t, int depth);

/* hash(o) of a pure value; -1 for anything else. (Inline: a tuple's items are
   mostly small ints, whose hash is their value.) */
static inline __attribute__((always_inline)) Py_hash_t oxy_hash_pure_at(PyObject *o, int depth) {
    PyTypeObject *tp = Py_TYPE(o);
    if (OXY_LIKELY(tp == &PyLong_Type)) {
#if PY_VERSION_HEX < 0x030C0000 && PYLONG_BITS_IN_DIGIT == 30
        /* One digit or none: the value itself (below the hash modulus 2**61-1). */
        Py_ssize_t size = Py_SIZE(o);
        if (OXY_LIKELY(size >= -1 && size <= 1)) {
            Py_hash_t v = (Py_hash_t)size * (Py_hash_t)((PyLongObject *)o)->ob_digit[0];
            return v == -1 ? -2 : v;
        }
#endif
        return tp->tp_hash(o); /* (int hashing cannot fail) */
    }
    if (tp == &PyUnicode_Type) {
        Py_hash_t h = ((PyASCIIObject *)o)->hash;
        return h != -1 ? h : tp->tp_hash(o);
    }
    if (tp == &PyTuple_Type) return depth < OXY_HASH_MAX_DEPTH ? oxy_hash_tuple_at(o, depth) : -1;
    if (tp == &PyFloat_Type || tp == &PyBool_Type || tp == &PyBytes_Type || o == Py_None)
        return tp->tp_hash(o);
    return -1;
}

/* hash(t) of an exact tuple, as tuplehash computes it; -1 if an item is not pure. */
static Py_hash_t oxy_hash_tuple_at(PyObject *t, int depth) {
    Py_ssize_t n = PyTuple_GET_SIZE(t);
    Py_uhash_t acc = OXY_XXPRIME_5;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_hash_t lane = oxy_hash_pure_at(PyTuple_GET_ITEM(t, i), depth + 1);
        if (lane == -1) return -1;
        acc += (Py_uhash_t)lane * OXY_XXPRIME_2;
        acc = (acc << 31) | (acc >> 33);
        acc *= OXY_XXPRIME_1;
    }
    /* The length, mixed so that hash(()) keeps its historical value. */
    acc += (Py_uhash_t)n ^ (OXY_XXPRIME_5 ^ 3527539UL);
    if (acc == (Py_uhash_t)-1) return 1546275796;
    return (Py_hash_t)acc;
}

Py_hash_t oxy_hash_pure(PyObject *o) {
    return Py_TYPE(o) == &PyTuple_Type ? oxy_hash_tuple_at(o, 0) : -1;
}
#else
Py_hash_t oxy_hash_pure(PyObject *o) {
    (void)o;
    return -1;
}
#endif

/* The table of sets is CPython's own business; these follow 3.11's layout and
 * probing (Objects/setobject.c) and are compiled only for it.  A lookup probes
 * the slots a run of LINEAR_PROBES at a time, then jumps by a perturbed step. */
#if PY_VERSION_HEX >= 0x030B0000 && PY_VERSION_HEX < 0x030C0000 && SIZEOF_PY_HASH_T == 8
#define OXY_SET_TABLE 1
#define OXY_SET_LINEAR_PROBES 9
#define OXY_SET_PERTURB_SHIFT 5

/* Look for `key` (of hash `hash`) in the set: 1 if it is there, 0 if the search
 * ended at a free slot (`*end`; `*dummy` is the last dummy slot passed on the way,
 * or NULL), -1 with an exception set.  An entry of the same hash is compared
 * with ==, which may run Python code: if that changed the table, the search
 * starts over, as the interpreter's does.  The two searches of the interpreter
 * differ in one point, kept here: `in` starts over after such a change even when
 * == said yes, `add` (`adding`) takes the yes. */
static int oxy_set_probe(PySetObject *so, PyObject *key, Py_hash_t hash, int adding,
                         setentry **end, setentry **dummy) {
restart:;
    setentry *table = so->table;
    size_t mask = (size_t)so->mask;
    size_t i = (size_t)hash & mask;
    size_t perturb = (size_t)hash;
    *dummy = NULL;
    for (;;) {
        setentry *entry = &table[i];
        int probes = (i + OXY_SET_LINEAR_PROBES <= mask) ? OXY_SET_LINEAR_PROBES : 0;
        do {
            if (entry->hash == 0 && entry->key == NULL) {
                *end = entry;
                return 0;
            }
            if (entry->hash == hash) {
                PyObject *start = entry->key;
                if (start == key) return 1;
                Py_INCREF(start);
                int cmp = PyObject_RichCompareBool(start, key, Py_EQ);
                Py_DECREF(start);
                if (cmp < 0) return -1;
                if (adding && cmp > 0) return 1;
                if (table != so->table || entry->key != start) goto restart;
                if (cmp > 0) return 1;
                mask = (size_t)so->mask;
            } else if (entry->hash == -1) {
                *dummy = entry;
            }
            entry++;
        } while (probes--);
        perturb >>= OXY_SET_PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

static int oxy_set_lookup(PySetObject *so, PyObject *key, Py_hash_t hash) {
    setentry *end, *dummy;
    return oxy_set_probe(so, key, hash, 0, &end, &dummy);
}

/* Put an entry into a table known to hold no dummies and not to hold the key:
 * the first free slot of the probe sequence. */
static void oxy_set_put_clean(setentry *table, size_t mask, PyObject *key, Py_hash_t hash) {
    size_t perturb = (size_t)hash;
    size_t i = (size_t)hash & mask;
    for (;;) {
        setentry *entry = &table[i];
        if (entry->key == NULL) goto found;
        if (i + OXY_SET_LINEAR_PROBES <= mask) {
            for (int j = 0; j < OXY_SET_LINEAR_PROBES; j++) {
                entry++;
                if (entry->key == NULL) goto found;
            }
        }
        perturb >>= OXY_SET_PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
        continue;
    found:
        entry->key = key;
        entry->hash = hash;
        return;
    }
}

/* The interpreter's growth of a set's table: the smallest power of two above
 * `minused` (at least the set's own small table), the active entries put in again
 * in table order, the dummies dropped. */
static int oxy_set_resize(PySetObject *so, Py_ssize_t minused) {
    size_t newsize = PySet_MINSIZE;
    while (newsize <= (size_t)minused) newsize <<= 1;
    setentry *oldtable = so->table;
    size_t oldmask = (size_t)so->mask;
    int old_malloced = oldtable != so->smalltable;
    setentry small_copy[PySet_MINSIZE];
    setentry *newtable;
    if (newsize == PySet_MINSIZE) {
        newtable = so->smalltable;
        if (newtable == oldtable) {
            if (so->fill == so->used) return 0;
            memcpy(small_copy, oldtable, sizeof(small_copy));
            oldtable = small_copy;
        }
    } else {
        newtable = PyMem_New(setentry, newsize);
        if (newtable == NULL) {
            PyErr_NoMemory();
            return -1;
        }
    }
    memset(newtable, 0, sizeof(setentry) * newsize);
    so->mask = (Py_ssize_t)(newsize - 1);
    so->table = newtable;
    so->fill = so->used;
    for (setentry *entry = oldtable; entry <= oldtable + oldmask; entry++)
        if (entry->key != NULL && entry->key != _PySet_Dummy)
            oxy_set_put_clean(newtable, newsize - 1, entry->key, entry->hash);
    if (old_malloced) PyMem_Free(oldtable);
    return 0;
}

/* Add `key` (of hash `hash`) to the set as set.add does: into the last dummy slot
 * passed on the way, else the free slot that ends the search, then growing the
 * table when it is 60% full.  0, or -1 with an exception set.  (The set holds a
 * reference to the key while == runs, as the interpreter's does.) */
static int oxy_set_insert(PySetObject *so, PyObject *key, Py_hash_t hash) {
    setentry *end, *dummy;
    Py_INCREF(key);
    int found = oxy_set_probe(so, key, hash, 1, &end, &dummy);
    if (found != 0) {
        Py_DECREF(key);
        return found < 0 ? -1 : 0;
    }
    if (dummy != NULL) {
        /* A dummy slot reused: the fill stays, the table does not grow. */
        so->used++;
        dummy->key = key;
        dummy->hash = hash;
        return 0;
    }
    so->fill++;
    so->used++;
    end->key = key;
    end->hash = hash;
    if ((size_t)so->fill * 5 < (size_t)so->mask * 3) return 0;
    return oxy_set_resize(so, so->used > 50000 ? so->used * 2 : so->used * 4);
}
#endif

int oxy_contains_h(PyObject *container, PyObject *key, Py_hash_t hash) {
    if (hash != -1) {
        PyTypeObject *tp = Py_TYPE(container);
#ifdef OXY_SET_TABLE
        if (tp == &PySet_Type || tp == &PyFrozenSet_Type)
            return oxy_set_lookup((PySetObject *)container, key, hash);
#endif
        if (tp == &PyDict_Type) return _PyDict_Contains_KnownHash(container, key, hash);
    }
    return PySequence_Contains(container, key);
}

PyObject *oxy_set_add_h(PyObject *set, PyObject *key, Py_hash_t hash) {
    if (Py_TYPE(set) == &PySet_Type) {
#ifdef OXY_SET_TABLE
        if (hash != -1) {
            if (oxy_set_insert((PySetObject *)set, key, hash) < 0) return NULL;
            Py_RETURN_NONE;
        }
#endif
        if (PySet_Add(set, key) < 0) return NULL;
        Py_RETURN_NONE;
    }
    static PyObject *name;
    if (name == NULL && (name = PyUnicode_InternFromString("add")) == NULL) return NULL;
    PyObject *argv[2] = {set, key};
    return PyObject_VectorcallMethod(name, argv, 2, NULL);
}

PyObject *oxy_dict_getitem_h(PyObject *d, PyObject *key, Py_hash_t hash) {
    if (hash != -1 && PyDict_CheckExact(d)) {
        PyObject *v = _PyDict_GetItem_KnownHash(d, key, hash); /* borrowed */
        if (v != NULL) return Py_NewRef(v);
        if (!PyErr_Occurred()) _PyErr_SetKeyError(key);
        return NULL;
    }
    return PyObject_GetItem(d, key);
}

int oxy_dict_setitem_h(PyObject *d, PyObject *key, PyObject *value, Py_hash_t hash) {
    if (hash != -1 && PyDict_CheckExact(d)) return _PyDict_SetItem_KnownHash(d, key, value, hash);
    return PyObject_SetItem(d, key, value);
}

PyObject *oxy_dict_get_h(PyObject *d, PyObject *key, PyObject *dflt, Py_hash_t hash) {
    if (hash != -1 && PyDict_CheckExact(d)) {
        PyObject *v = _PyDict_GetItem_KnownHash(d, key, hash); /* borrowed */
        if (v != NULL) return Py_NewRef(v);
        if (PyErr_Occurred()) return NULL;
        return Py_NewRef(dflt != NULL ? dflt : Py_None);
    }
    return oxy_dict_get(d, key, dflt);
}

/* ======================================================================== */
/* Dict displays with literal keys                                          */
/* ======================================================================== */

/* `{"a": x, "b": y}`: the interpreter makes an empty dict of the display's size
 * and inserts each pair, a lookup and an insertion per key.  Compiled code copies
 * a template that already holds the keys (PyDict_Copy of a compact dict copies its
 * table in one go) and puts the values into the copy's entries: the same keys in
 * the same order, a table of the same kind and size (see oxy_dict_template), and the
 * same tracking by the collector (the template's values are None, so the copy
 * starts untracked, and a value that could be part of a cycle tracks it, as
 * inserting it does).  The entries are 3.11's (Include/internal/pycore_dict.h);
 * each is checked to hold the expected key before its value is replaced, and
 * elsewhere, or if anything is unexpected, the values are set with
 * PyDict_SetItem.  The display's keys are distinct. */
PyObject *oxy_dict_template(Py_ssize_t n, PyObject *const *keys) {
    /* Inserted into an empty dict, then merged into another: a merge into an empty
       dict sizes the table for the keys at once, with the kind of the source's
       table (str keys only), which is how the interpreter sizes a display. */
    PyObject *grown = PyDict_New();
    if (grown == NULL) return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (PyDict_SetItem(grown, keys[i], Py_None) < 0) {
            Py_DECREF(grown);
            return NULL;
        }
    }
    PyObject *d = PyDict_New();
    if (d != NULL && PyDict_Update(d, grown) < 0) Py_CLEAR(d);
    Py_DECREF(grown);
    return d;
}

#if PY_VERSION_HEX >= 0x030B0000 && PY_VERSION_HEX < 0x030C0000
typedef struct {
    Py_ssize_t dk_refcnt;
    uint8_t dk_log2_size;
    uint8_t dk_log2_index_bytes;
    uint8_t dk_kind; /* 0 general, 1 str keys only, 2 split */
    uint32_t dk_version;
    Py_ssize_t dk_usable;
    Py_ssize_t dk_nentries;
    char dk_indices[];
} oxy_dict_keys;
typedef struct {
    Py_hash_t me_hash;
    PyObject *me_key;
    PyObject *me_value;
} oxy_dict_entry;
typedef struct {
    PyObject *me_key;
    PyObject *me_value;
} oxy_dict_str_entry;

/* The values put straight into the entries of d, a fresh copy of the template;
   0 when d is not laid out as expected (nothing changed then). */
static int oxy_dict_fill_entries(PyObject *d, Py_ssize_t n, PyObject *const *keys,
                                 PyObject *const *values) {
    PyDictObject *mp = (PyDictObject *)d;
    oxy_dict_keys *dk = (oxy_dict_keys *)mp->ma_keys;
    if (mp->ma_values != NULL || mp->ma_used != n || dk->dk_refcnt != 1 || dk->dk_nentries != n ||
        dk->dk_kind > 1)
        return 0;
    char *entries = dk->dk_indices + ((size_t)1 << dk->dk_log2_index_bytes);
    /* Entry i's key and value slots (str-keys tables leave out the hash). */
#define OXY_ENTRY_KEY(i) (dk->dk_kind == 1 ? &((oxy_dict_str_entry *)entries)[i].me_key : &((oxy_dict_entry *)entries)[i].me_key)
#define OXY_ENTRY_VALUE(i) (dk->dk_kind == 1 ? &((oxy_dict_str_entry *)entries)[i].me_value : &((oxy_dict_entry *)entries)[i].me_value)
    for (Py_ssize_t i = 0; i < n; i++)
        if (*OXY_ENTRY_KEY(i) != keys[i] || *OXY_ENTRY_VALUE(i) != Py_None) return 0;
    int track = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        *OXY_ENTRY_VALUE(i) = Py_NewRef(values[i]);
        track |= oxy_may_be_tracked(values[i]);
        Py_DECREF(Py_None);
    }
#undef OXY_ENTRY_KEY
#undef OXY_ENTRY_VALUE
    if (track && !OXY_GC_TRACKED(d)) PyObject_GC_Track(d);
    return 1;
}
#endif

PyObject *oxy_dict_from_template(PyObject *tpl, Py_ssize_t n, PyObject *const *keys,
                                 PyObject *const *values) {
    PyObject *d = PyDict_Copy(tpl);
    if (d == NULL) return NULL;
#if PY_VERSION_HEX >= 0x030B0000 && PY_VERSION_HEX < 0x030C0000
    if (OXY_LIKELY(oxy_dict_fill_entries(d, n, keys, values))) return d;
#endif
    for (Py_ssize_t i = 0; i < n; i++) {
        if (PyDict_SetItem(d, keys[i], values[i]) < 0) {
            Py_DECREF(d);
            return NULL;
        }
    }
    return d;
}

/* ======================================================================== */
/* Method calls through a per-site cache                                     */
/* ======================================================================== */

PyObject *oxy_call_method_ic(oxy_method_cache *c, PyObject *name, PyObject *const *argv,
                             size_t nargs, PyObject *kwnames) {
    PyTypeObject *tp = Py_TYPE(argv[0]);
    if (OXY_LIKELY(c->type == tp)) return PyObject_Vectorcall(c->descr, argv, nargs, kwnames);
    if ((tp->tp_flags & Py_TPFLAGS_IMMUTABLETYPE) && tp->tp_dictoffset == 0 &&
        tp->tp_getattro == PyObject_GenericGetAttr) {
        PyObject *d = _PyType_Lookup(tp, name); /* borrowed */
        if (d != NULL && PyType_HasFeature(Py_TYPE(d), Py_TPFLAGS_METHOD_DESCRIPTOR)) {
            Py_INCREF(d);
            Py_INCREF(tp);
            Py_XSETREF(c->descr, d);
            Py_XSETREF(c->type, tp);
            return PyObject_Vectorcall(d, argv, nargs, kwnames);
        }
    }
    return PyObject_VectorcallMethod(name, argv, nargs, kwnames);
}

/* ======================================================================== */
/* Tracebacks                                                                */
/* ======================================================================== */

/* Cache of empty code objects keyed by (funcname, filename, line), compared
   by content: an open-addressing hash table that only grows. */
typedef struct {
    char *func;       /* owned copies of the key strings */
    char *file;
    int line;
    size_t hash;
    PyObject *code;   /* owned; NULL marks an empty slot */
} tb_slot;

static tb_slot *tb_table = NULL;
static size_t tb_cap = 0, tb_used = 0;

static size_t tb_hash(const char *func, const char *file, int line) {
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (const unsigned char *p = (const unsigned char *)func; *p; p++) h = (h ^ *p) * 1099511628211ULL;
    h = (h ^ 0xff) * 1099511628211ULL;
    for (const unsigned char *p = (const unsigned char *)file; *p; p++) h = (h ^ *p) * 1099511628211ULL;
    h = (h ^ (uint64_t)(uint32_t)line) * 1099511628211ULL;
    return (size_t)(h ^ (h >> 29));
}

static char *dup_str(const char *s) {
    size_t n = strlen(s) + 1;
    char *d = PyMem_RawMalloc(n);
    if (d != NULL) memcpy(d, s, n);
    return d;
}

/* Grow the table to twice its size (or the initial size); 0 or -1. */
static int tb_grow(void) {
    size_t ncap = tb_cap ? tb_cap * 2 : 64;
    tb_slot *nt = PyMem_RawCalloc(ncap, sizeof(tb_slot));
    if (nt == NULL) return -1;
    for (size_t i = 0; i < tb_cap; i++) {
        if (tb_table[i].code == NULL) continue;
        size_t j = tb_table[i].hash & (ncap - 1);
        while (nt[j].code != NULL) j = (j + 1) & (ncap - 1);
        nt[j] = tb_table[i];
    }
    PyMem_RawFree(tb_table);
    tb_table = nt;
    tb_cap = ncap;
    return 0;
}

/* New reference to the cached (or a fresh) code object; NULL + error. */
static PyObject *tb_code_for(const char *func, const char *file, int line) {
    size_t h = tb_hash(func, file, line);
    if (tb_cap != 0) {
        for (size_t j = h & (tb_cap - 1); tb_table[j].code != NULL; j = (j + 1) & (tb_cap - 1)) {
            tb_slot *s = &tb_table[j];
            if (s->hash == h && s->line == line && strcmp(s->func, func) == 0 &&
                strcmp(s->file, file) == 0) {
                Py_INCREF(s->code);
                return s->code;
            }
        }
    }
    PyObject *code = (PyObject *)PyCode_NewEmpty(file, func, line);
    if (code == NULL) return NULL;
    /* insert; on any allocation failure just skip caching */
    if ((tb_used + 1) * 2 > tb_cap && tb_grow() < 0) return code;
    char *fc = dup_str(func), *fl = dup_str(file);
    if (fc == NULL || fl == NULL) {
        PyMem_RawFree(fc);
        PyMem_RawFree(fl);
        return code;
    }
    size_t j = h & (tb_cap - 1);
    while (tb_table[j].code != NULL) j = (j + 1) & (tb_cap - 1);
    tb_table[j].func = fc;
    tb_table[j].file = fl;
    tb_table[j].line = line;
    tb_table[j].hash = h;
    Py_INCREF(code);
    tb_table[j].code = code;
    tb_used++;
    return code;
}

static PyObject *fallback_globals(void) {
    static PyObject *g = NULL; /* owned, process lifetime */
    if (g == NULL) g = PyDict_New();
    return g;
}

void oxy_add_traceback(PyObject *globals, const char *funcname, const char *filename, int line) {
    if (!PyErr_Occurred()) return;
    if (funcname == NULL) funcname = "<unknown>";
    if (filename == NULL) filename = "<unknown>";
    PyObject *et, *ev, *etb;
    PyErr_Fetch(&et, &ev, &etb);
    PyFrameObject *frame = NULL;
    PyObject *code = tb_code_for(funcname, filename, line);
    if (code != NULL) {
        if (globals == NULL || !PyDict_Check(globals)) globals = fallback_globals();
        if (globals != NULL)
            frame = PyFrame_New(PyThreadState_Get(), (PyCodeObject *)code, globals, NULL);
        Py_DECREF(code);
    }
    if (frame == NULL) PyErr_Clear(); /* drop our own failure, keep the original */
    PyErr_Restore(et, ev, etb);
    if (frame != NULL) {
        /* line number: the frame has not started, so it reports
           co_firstlineno, which is `line` */
        PyTraceBack_Here(frame);
        Py_DECREF(frame);
    }
}

/* ---- refcounting of long-form ints (cold) ------------------------------ */

void oxy_int_incref_long(oxy_int x) { Py_INCREF(OXY_INT_AS_OBJ(x)); }
void oxy_int_decref_long(oxy_int x) {
    PyObject *o = OXY_INT_AS_OBJ(x);
    if (long3_parkable(o)) {
        long3_park[long3_parked++] = o;
        return;
    }
    Py_DECREF(o);
}
void oxy_int_xdecref_long(oxy_int x) {
    if (x != OXY_INT_ERR) oxy_int_decref_long(x);
}
void oxy_int_xdecref_ool(oxy_int x) { oxy_int_xdecref(x); }
void oxy_int_incref_ool(oxy_int x) { oxy_int_incref(x); }

oxy_int oxy_list_get_int_ool(PyObject *list, oxy_int i) {
    PyObject *v = oxy_list_getitem(list, i);
    if (v == NULL) return OXY_INT_ERR;
    oxy_int r = OXY_INT_ERR;
    if (PyLong_Check(v)) r = oxy_int_from_long_obj(v);
    else oxy_raise_type("list item", "int", v);
    Py_DECREF(v);
    return r;
}
void oxy_xdecref_ool(PyObject *o) { Py_XDECREF(o); }

/* ======================================================================== */
/* Compiled function objects                                                */
/* ======================================================================== */

typedef struct {
    PyObject_HEAD
    PyMethodDef *def;
    PyObject *self_arg; /* first argument of the wrapper (the module) */
    PyObject *name;
    PyObject *qualname;
    PyObject *doc;
    PyObject *dict;
    PyObject *weakreflist;
    vectorcallfunc vectorcall;
    oxy_codeinfo *info;
    PyObject *module;      /* __module__ */
    PyObject *annotations; /* __annotations__ once read or set (NULL before) */
    PyObject *defaults_set[2]; /* what __defaults__ / __kwdefaults__ was set to, if */
} OxyFunction;

static PyObject *oxyfn_vectorcall(PyObject *self, PyObject *const *args, size_t nargsf, PyObject *kwnames) {
    OxyFunction *f = (OxyFunction *)self;
    _PyCFunctionFastWithKeywords meth = (_PyCFunctionFastWithKeywords)(void (*)(void))f->def->ml_meth;
    return meth(f->self_arg, args, PyVectorcall_NARGS(nargsf), kwnames);
}

static int oxyfn_traverse(PyObject *self, visitproc visit, void *arg) {
    OxyFunction *f = (OxyFunction *)self;
    Py_VISIT(f->self_arg);
    Py_VISIT(f->dict);
    Py_VISIT(f->doc);
    Py_VISIT(f->module);
    Py_VISIT(f->annotations);
    Py_VISIT(f->defaults_set[0]);
    Py_VISIT(f->defaults_set[1]);
    return 0;
}

static int oxyfn_clear(PyObject *self) {
    OxyFunction *f = (OxyFunction *)self;
    Py_CLEAR(f->self_arg);
    Py_CLEAR(f->dict);
    Py_CLEAR(f->doc);
    Py_CLEAR(f->name);
    Py_CLEAR(f->qualname);
    Py_CLEAR(f->module);
    Py_CLEAR(f->annotations);
    Py_CLEAR(f->defaults_set[0]);
    Py_CLEAR(f->defaults_set[1]);
    return 0;
}

static void oxyfn_dealloc(PyObject *self) {
    OxyFunction *f = (OxyFunction *)self;
    PyObject_GC_UnTrack(self);
    if (f->weakreflist != NULL) PyObject_ClearWeakRefs(self);
    oxyfn_clear(self);
    PyObject_GC_Del(self);
}

static PyObject *oxyfn_repr(PyObject *self) {
    OxyFunction *f = (OxyFunction *)self;
    return PyUnicode_FromFormat("<function %U at %p>", f->qualname, self);
}

static PyObject *oxyfn_descr_get(PyObject *self, PyObject *obj, PyObject *type) {
    (void)type;
    if (obj == Py_None || obj == NULL) {
        Py_INCREF(self);
        return self;
    }
    return PyMethod_New(self, obj);
}

static PyObject *oxyfn_get_doc(PyObject *self, void *c) {
    (void)c;
    OxyFunction *f = (OxyFunction *)self;
    PyObject *d = f->doc ? f->doc : Py_None;
    Py_INCREF(d);
    return d;
}

static int oxyfn_set_doc(PyObject *self, PyObject *v, void *c) {
    (void)c;
    OxyFunction *f = (OxyFunction *)self;
    Py_XINCREF(v);
    Py_XSETREF(f->doc, v);
    return 0;
}

static int oxyfn_set_str(PyObject **slot, PyObject *v, const char *what) {
    if (v == NULL || !PyUnicode_Check(v)) {
        PyErr_Format(PyExc_TypeError, "%s must be set to a string object", what);
        return -1;
    }
    Py_INCREF(v);
    Py_XSETREF(*slot, v);
    return 0;
}

static PyObject *oxyfn_get_name(PyObject *self, void *c) {
    (void)c;
    PyObject *n = ((OxyFunction *)self)->name;
    Py_INCREF(n);
    return n;
}
static int oxyfn_set_name(PyObject *self, PyObject *v, void *c) {
    (void)c;
    return oxyfn_set_str(&((OxyFunction *)self)->name, v, "__name__");
}
static PyObject *oxyfn_get_qualname(PyObject *self, void *c) {
    (void)c;
    PyObject *n = ((OxyFunction *)self)->qualname;
    Py_INCREF(n);
    return n;
}
static int oxyfn_set_qualname(PyObject *self, PyObject *v, void *c) {
    (void)c;
    return oxyfn_set_str(&((OxyFunction *)self)->qualname, v, "__qualname__");
}

static PyObject *oxyfn_reduce(PyObject *self, PyObject *unused) {
    (void)unused;
    /* Pickled by reference, like a Python function: pickle looks up
       module.qualname when it sees a string. */
    return oxyfn_get_qualname(self, NULL);
}

/* __code__: a code object with the function's parameters (so that inspect treats
   the function like a Python one: signature(), isgeneratorfunction()). */
static PyObject *oxyfn_get_code(PyObject *self, void *c) {
    (void)c;
    oxy_codeinfo *ci = ((OxyFunction *)self)->info;
    if (ci == NULL) Py_RETURN_NONE;
    if (ci->code != NULL) return Py_NewRef(ci->code);
    Py_ssize_t n = 0;
    while (ci->varnames[n] != NULL) n++;
    PyObject *names = PyTuple_New(n);
    if (names == NULL) return NULL;
    for (Py_ssize_t i = 0; i < n; i++) {
        PyObject *s = PyUnicode_InternFromString(ci->varnames[i]);
        if (s == NULL) {
            Py_DECREF(names);
            return NULL;
        }
        PyTuple_SET_ITEM(names, i, s);
    }
    PyCodeObject *empty = PyCode_NewEmpty(ci->filename, ((OxyFunction *)self)->def->ml_name,
                                          ci->firstlineno);
    PyObject *replace = empty ? PyObject_GetAttrString((PyObject *)empty, "replace") : NULL;
    Py_XDECREF(empty);
    PyObject *kw = replace ? Py_BuildValue("{s:i,s:i,s:i,s:n,s:O,s:i,s:O}", "co_argcount",
                                           ci->argcount, "co_posonlyargcount",
                                           ci->posonlyargcount, "co_kwonlyargcount",
                                           ci->kwonlyargcount, "co_nlocals", n, "co_varnames",
                                           names, "co_flags", ci->flags, "co_qualname",
                                           ((OxyFunction *)self)->qualname)
                           : NULL;
    Py_DECREF(names);
    PyObject *code = kw ? PyObject_VectorcallDict(replace, NULL, 0, kw) : NULL;
    Py_XDECREF(kw);
    Py_XDECREF(replace);
    if (code == NULL) return NULL;
    ci->code = Py_NewRef(code);
    return code;
}

/* The defaults the function was compiled with: a new tuple (kw = 0) or dict (kw = 1),
   or None. */
static PyObject *oxyfn_defaults(PyObject *self, int kw) {
    OxyFunction *f = (OxyFunction *)self;
    if (f->info == NULL || f->info->defaults == NULL) Py_RETURN_NONE;
    return f->info->defaults(f->self_arg, kw);
}
static PyObject *oxyfn_get_defaults(PyObject *self, void *c) {
    (void)c;
    PyObject *set = ((OxyFunction *)self)->defaults_set[0];
    return set != NULL ? Py_NewRef(set) : oxyfn_defaults(self, 0);
}
static PyObject *oxyfn_get_kwdefaults(PyObject *self, void *c) {
    (void)c;
    PyObject *set = ((OxyFunction *)self)->defaults_set[1];
    return set != NULL ? Py_NewRef(set) : oxyfn_defaults(self, 1);
}

/* Would a call see default a as it sees b?  The same object; or, for exact ints,
   floats (bit for bit: a NaN default is a new float on each read), strs and bytes,
   whose identity compiled code does not keep, the same value.  a or b NULL: no
   default. */
static int oxyfn_same_default(PyObject *a, PyObject *b) {
    if (a == b) return 1;
    if (a == NULL || b == NULL || Py_TYPE(a) != Py_TYPE(b)) return 0;
    if (PyFloat_CheckExact(a)) {
        double x = PyFloat_AS_DOUBLE(a), y = PyFloat_AS_DOUBLE(b);
        return memcmp(&x, &y, sizeof x) == 0;
    }
    if (PyLong_CheckExact(a) || PyUnicode_CheckExact(a) || PyBytes_CheckExact(a))
        return PyObject_RichCompareBool(a, b, Py_EQ);
    return 0;
}

/* Does setting the defaults to v (a tuple, a dict for kw, or NULL for none) leave
   the ones the function was compiled with, cur, as calls see them?  Keyword
   defaults for names that are not keyword-only parameters of the function change
   nothing (wrappers copy a wrapped function's). */
static int oxyfn_same_defaults(OxyFunction *f, PyObject *cur, PyObject *v, int kw) {
    if (cur == Py_None) cur = NULL;
    const oxy_codeinfo *ci = f->info;
    if (ci == NULL || ci->varnames == NULL) return 0;
    if (!kw) {
        /* (Calls use the last defaults, as many as there are positional parameters:
           the interpreter ignores the ones before.) */
        Py_ssize_t n = cur != NULL ? PyTuple_GET_SIZE(cur) : 0;
        Py_ssize_t given = v != NULL ? PyTuple_GET_SIZE(v) : 0;
        if ((given < ci->argcount ? given : ci->argcount) != n) return 0;
        for (Py_ssize_t i = 0; i < n; i++) {
            int same = oxyfn_same_default(PyTuple_GET_ITEM(cur, i),
                                          PyTuple_GET_ITEM(v, given - n + i));
            if (same <= 0) return same;
        }
        return 1;
    }
    for (int i = ci->argcount; i < ci->argcount + ci->kwonlyargcount; i++) {
        PyObject *a = cur != NULL ? PyDict_GetItemString(cur, ci->varnames[i]) : NULL;
        PyObject *b = v != NULL ? PyDict_GetItemString(v, ci->varnames[i]) : NULL;
        int same = oxyfn_same_default(a, b);
        if (same <= 0) return same;
    }
    return 1;
}

/* __defaults__ / __kwdefaults__ = v.  Compiled calls use the defaults the function
   was compiled with, so only an assignment that changes none of them is taken (it
   is then what the attribute gives back); any other raises rather than be ignored. */
static int oxyfn_set_defaults_of(PyObject *self, PyObject *v, int kw) {
    OxyFunction *f = (OxyFunction *)self;
    if (v == Py_None) v = NULL;
    if (v != NULL && (kw ? !PyDict_Check(v) : !PyTuple_Check(v))) {
        PyErr_SetString(PyExc_TypeError, kw ? "__kwdefaults__ must be set to a dict object"
                                            : "__defaults__ must be set to a tuple object");
        return -1;
    }
    PyObject *cur = oxyfn_defaults(self, kw);
    if (cur == NULL) return -1;
    int same = oxyfn_same_defaults(f, cur, v, kw);
    Py_DECREF(cur);
    if (same < 0) return -1;
    if (!same) {
        PyErr_Format(PyExc_TypeError,
                     "cannot change %s of compiled function '%U': oxyc compiles the defaults "
                     "into its calls (see docs/differences.md)",
                     kw ? "__kwdefaults__" : "__defaults__", f->qualname);
        return -1;
    }
    Py_XINCREF(v);
    Py_XSETREF(f->defaults_set[kw], v);
    return 0;
}
static int oxyfn_set_defaults(PyObject *self, PyObject *v, void *c) {
    (void)c;
    return oxyfn_set_defaults_of(self, v, 0);
}
static int oxyfn_set_kwdefaults(PyObject *self, PyObject *v, void *c) {
    (void)c;
    return oxyfn_set_defaults_of(self, v, 1);
}

static PyObject *oxyfn_get_globals(PyObject *self, void *c) {
    (void)c;
    OxyFunction *f = (OxyFunction *)self;
    if (f->info == NULL || f->info->globals == NULL || *f->info->globals == NULL) Py_RETURN_NONE;
    return Py_NewRef(*f->info->globals);
}

/* __annotations__: evaluated on first use, in the module's globals (an annotation
   that names something not there, e.g. a local class, stays its source string);
   kept in the function's __dict__, where assignments go too. */
static PyObject *oxyfn_get_annotations(PyObject *self, void *c) {
    (void)c;
    OxyFunction *f = (OxyFunction *)self;
    if (f->annotations != NULL) return Py_NewRef(f->annotations);
    PyObject *ann = PyDict_New();
    if (ann == NULL) return NULL;
    const char *const *a = f->info ? f->info->annotations : NULL;
    PyObject *globals = f->info && f->info->globals ? *f->info->globals : NULL;
    for (; a != NULL && a[0] != NULL; a += 2) {
        PyObject *v = NULL;
        if (!f->info->future_annotations && globals != NULL) {
            v = PyRun_String(a[1], Py_eval_input, globals, globals);
            if (v == NULL) PyErr_Clear();
        }
        if (v == NULL) v = PyUnicode_FromString(a[1]);
        if (v == NULL || PyDict_SetItemString(ann, a[0], v) < 0) {
            Py_XDECREF(v);
            Py_DECREF(ann);
            return NULL;
        }
        Py_DECREF(v);
    }
    f->annotations = ann;
    return Py_NewRef(ann);
}
static int oxyfn_set_annotations(PyObject *self, PyObject *v, void *c) {
    (void)c;
    OxyFunction *f = (OxyFunction *)self;
    if (v == Py_None) v = NULL;
    if (v != NULL && !PyDict_Check(v)) {
        PyErr_SetString(PyExc_TypeError, "__annotations__ must be set to a dict object");
        return -1;
    }
    /* (Deleting leaves it to be made afresh, empty: as CPython's functions.) */
    if (v == NULL) v = PyDict_New();
    else Py_INCREF(v);
    if (v == NULL) return -1;
    Py_XSETREF(f->annotations, v);
    return 0;
}

static PyObject *oxyfn_get_module(PyObject *self, void *c) {
    (void)c;
    PyObject *m = ((OxyFunction *)self)->module;
    return Py_NewRef(m != NULL ? m : Py_None);
}
static int oxyfn_set_module(PyObject *self, PyObject *v, void *c) {
    (void)c;
    Py_XINCREF(v);
    Py_XSETREF(((OxyFunction *)self)->module, v);
    return 0;
}

PyObject *oxy_defaults_tuple(int n, ...) {
    va_list ap;
    va_start(ap, n);
    PyObject *t = PyTuple_New(n);
    for (int i = 0; i < n; i++) {
        PyObject *v = va_arg(ap, PyObject *);
        if (t == NULL || v == NULL) {
            Py_XDECREF(v);
            Py_CLEAR(t);
            continue;
        }
        PyTuple_SET_ITEM(t, i, v);
    }
    va_end(ap);
    return t;
}

PyObject *oxy_defaults_dict(int n, ...) {
    va_list ap;
    va_start(ap, n);
    PyObject *d = PyDict_New();
    for (int i = 0; i < n; i++) {
        const char *name = va_arg(ap, const char *);
        PyObject *v = va_arg(ap, PyObject *);
        if (d != NULL && (v == NULL || PyDict_SetItemString(d, name, v) < 0)) Py_CLEAR(d);
        Py_XDECREF(v);
    }
    va_end(ap);
    return d;
}

/* The cell a method's __closure__ shows for its class statement's static (see
   oxy_codeinfo.class_cell). */
typedef struct {
    PyObject_HEAD
    PyObject **slot;
} OxyClassCell;

static PyObject *classcell_get(PyObject *self, void *c) {
    (void)c;
    PyObject *v = oxy_class_cell_peek(((OxyClassCell *)self)->slot);
    if (v == NULL) {
        PyErr_SetString(PyExc_ValueError, "Cell is empty");
        return NULL;
    }
    return Py_NewRef(v);
}

static int classcell_set(PyObject *self, PyObject *v, void *c) {
    (void)c;
    PyObject **slot = ((OxyClassCell *)self)->slot;
    PyObject *old = *slot;
    *slot = Py_XNewRef(v);
    Py_XDECREF(old);
    return 0;
}

static PyObject *classcell_repr(PyObject *self) {
    PyObject *v = oxy_class_cell_peek(((OxyClassCell *)self)->slot);
    if (v == NULL) return PyUnicode_FromFormat("<cell at %p: empty>", self);
    return PyUnicode_FromFormat("<cell at %p: %.80s object at %p>", self, Py_TYPE(v)->tp_name, v);
}

static void classcell_dealloc(PyObject *self) {
    PyTypeObject *tp = Py_TYPE(self);
    tp->tp_free(self);
    Py_DECREF(tp);
}

static PyGetSetDef classcell_getset[] = {
    {"cell_contents", classcell_get, classcell_set, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static PyType_Slot classcell_slots[] = {
    {Py_tp_getset, classcell_getset},
    {Py_tp_repr, classcell_repr},
    {Py_tp_dealloc, classcell_dealloc},
    {0, NULL},
};

static PyType_Spec classcell_spec = {"oxyc.class_cell", sizeof(OxyClassCell), 0,
                                     Py_TPFLAGS_DEFAULT | Py_TPFLAGS_DISALLOW_INSTANTIATION,
                                     classcell_slots};

/* One cell per static, kept for the life of the module: the methods of a class show
   the same cell, as they share one in CPython. */
static struct {
    PyObject **slot;
    PyObject *cell;
} *class_cells;
static Py_ssize_t n_class_cells;

static PyObject *oxyfn_get_closure(PyObject *self, void *c) {
    (void)c;
    oxy_codeinfo *info = ((OxyFunction *)self)->info;
    PyObject *captured = ((OxyFunction *)self)->self_arg;
    if ((info == NULL || info->class_cell == NULL) && captured != NULL && PyTuple_Check(captured)) {
        /* A nested function: the cells of the variables it captures (its closure
           tuple also holds the defaults computed when the def ran). */
        Py_ssize_t n = 0, size = PyTuple_GET_SIZE(captured);
        for (Py_ssize_t i = 0; i < size; i++) n += PyCell_Check(PyTuple_GET_ITEM(captured, i));
        if (n == 0) Py_RETURN_NONE;
        PyObject *cells = PyTuple_New(n);
        if (cells == NULL) return NULL;
        for (Py_ssize_t i = 0, j = 0; i < size; i++) {
            PyObject *o = PyTuple_GET_ITEM(captured, i);
            if (PyCell_Check(o)) PyTuple_SET_ITEM(cells, j++, Py_NewRef(o));
        }
        return cells;
    }
    if (info == NULL || info->class_cell == NULL) Py_RETURN_NONE;
    for (Py_ssize_t i = 0; i < n_class_cells; i++)
        if (class_cells[i].slot == info->class_cell) return PyTuple_Pack(1, class_cells[i].cell);
    static PyObject *cell_type;
    if (cell_type == NULL && (cell_type = PyType_FromSpec(&classcell_spec)) == NULL) return NULL;
    void *grown = PyMem_Realloc(class_cells, (size_t)(n_class_cells + 1) * sizeof *class_cells);
    if (grown == NULL) return PyErr_NoMemory();
    class_cells = grown;
    OxyClassCell *cell = PyObject_New(OxyClassCell, (PyTypeObject *)cell_type);
    if (cell == NULL) return NULL;
    cell->slot = info->class_cell;
    class_cells[n_class_cells].slot = info->class_cell;
    class_cells[n_class_cells].cell = (PyObject *)cell;
    n_class_cells++;
    return PyTuple_Pack(1, (PyObject *)cell);
}

static PyGetSetDef oxyfn_getset[] = {
    {"__code__", oxyfn_get_code, NULL, NULL, NULL},
    {"__closure__", oxyfn_get_closure, NULL, NULL, NULL},
    {"__defaults__", oxyfn_get_defaults, oxyfn_set_defaults, NULL, NULL},
    {"__kwdefaults__", oxyfn_get_kwdefaults, oxyfn_set_kwdefaults, NULL, NULL},
    {"__globals__", oxyfn_get_globals, NULL, NULL, NULL},
    {"__annotations__", oxyfn_get_annotations, oxyfn_set_annotations, NULL, NULL},
    {"__doc__", oxyfn_get_doc, oxyfn_set_doc, NULL, NULL},
    {"__name__", oxyfn_get_name, oxyfn_set_name, NULL, NULL},
    {"__qualname__", oxyfn_get_qualname, oxyfn_set_qualname, NULL, NULL},
    {"__dict__", PyObject_GenericGetDict, PyObject_GenericSetDict, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

/* An instance's `__module__` is its own (the module that defined it), while the
   type's, read from the type's dict, is "oxyc": a getset descriptor named
   `__module__` would be what `type(f).__module__` gives, so the instance's goes
   through getattr/setattr instead. */
static PyObject *oxyfn_module_name;
static int oxyfn_is_module_name(PyObject *name) {
    return PyUnicode_Check(name) &&
           (name == oxyfn_module_name || PyUnicode_Compare(name, oxyfn_module_name) == 0);
}
static PyObject *oxyfn_getattro(PyObject *self, PyObject *name) {
    if (oxyfn_is_module_name(name)) return oxyfn_get_module(self, NULL);
    return PyObject_GenericGetAttr(self, name);
}
static int oxyfn_setattro(PyObject *self, PyObject *name, PyObject *v) {
    if (oxyfn_is_module_name(name)) return oxyfn_set_module(self, v, NULL);
    return PyObject_GenericSetAttr(self, name, v);
}

static PyMethodDef oxyfn_methods[] = {
    {"__reduce__", oxyfn_reduce, METH_NOARGS, NULL},
    {NULL, NULL, 0, NULL},
};

static PyTypeObject *oxy_function_type = NULL;

/* This module's compiled function `o`'s native C function, if it is exported with
   signature hash `sig` (see "cross-module calls" in oxyc_rt.h). */
static oxy_native_fn oxyfn_native_of(PyObject *o, uint64_t sig) {
    if (oxy_function_type == NULL || Py_TYPE(o) != oxy_function_type) return NULL;
    oxy_codeinfo *ci = ((OxyFunction *)o)->info;
    if (ci == NULL || ci->xnative == NULL || ci->xsig != sig) return NULL;
    return ci->xnative;
}

PyTypeObject *oxy_function_type_get(void) {
    if (oxy_function_type != NULL) return oxy_function_type;
    PyType_Slot slots[] = {
        {Py_tp_dealloc, (void *)oxyfn_dealloc},
        {Py_tp_repr, (void *)oxyfn_repr},
        {Py_tp_call, (void *)PyVectorcall_Call},
        {Py_tp_descr_get, (void *)oxyfn_descr_get},
        {Py_tp_traverse, (void *)oxyfn_traverse},
        {Py_tp_clear, (void *)oxyfn_clear},
        {Py_tp_getset, (void *)oxyfn_getset},
        {Py_tp_methods, (void *)oxyfn_methods},
        {Py_tp_getattro, (void *)oxyfn_getattro},
        {Py_tp_setattro, (void *)oxyfn_setattro},
        {0, NULL},
    };
    if (oxyfn_module_name == NULL && (oxyfn_module_name = PyUnicode_InternFromString("__module__")) == NULL)
        return NULL;
    static PyMemberDef members[] = {
        {"__vectorcalloffset__", T_PYSSIZET, offsetof(OxyFunction, vectorcall), READONLY, NULL},
        {"__dictoffset__", T_PYSSIZET, offsetof(OxyFunction, dict), READONLY, NULL},
        {"__weaklistoffset__", T_PYSSIZET, offsetof(OxyFunction, weakreflist), READONLY, NULL},
        {NULL, 0, 0, 0, NULL},
    };
    PyType_Slot all[sizeof(slots) / sizeof(slots[0]) + 1];
    size_t i = 0;
    for (; slots[i].slot != 0; i++) all[i] = slots[i];
    all[i].slot = Py_tp_members;
    all[i].pfunc = members;
    all[i + 1].slot = 0;
    all[i + 1].pfunc = NULL;
    PyType_Spec spec = {
        "oxyc.function",
        sizeof(OxyFunction),
        0,
        Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC | Py_TPFLAGS_HAVE_VECTORCALL |
            Py_TPFLAGS_METHOD_DESCRIPTOR | Py_TPFLAGS_IMMUTABLETYPE,
        all,
    };
    PyTypeObject *tp = (PyTypeObject *)PyType_FromSpec(&spec);
    if (tp == NULL) return NULL;
    /* What other compiled modules call directly (see oxy_xsite_resolve). */
    static const oxy_xcall_api api = {1, oxyfn_native_of};
    PyObject *cap = PyCapsule_New((void *)&api, OXY_XCALL_CAPSULE, NULL);
    if (cap == NULL || PyDict_SetItemString(tp->tp_dict, "__oxyc_xcall__", cap) < 0) {
        Py_XDECREF(cap);
        Py_DECREF(tp);
        return NULL;
    }
    Py_DECREF(cap);
    PyType_Modified(tp);
    oxy_function_type = tp;
    return oxy_function_type;
}

int oxy_xsite_resolve(PyObject *o, oxy_xsite *site, uint64_t sig) {
    static PyObject *key = NULL;
    PyTypeObject *tp = Py_TYPE(o);
    /* (Plain Python functions, bound methods, mocks: rejected at once.) */
    if (!(tp->tp_flags & Py_TPFLAGS_HEAPTYPE) || strcmp(tp->tp_name, "oxyc.function") != 0 ||
        tp->tp_dict == NULL)
        return 0;
    if (key == NULL && (key = PyUnicode_InternFromString("__oxyc_xcall__")) == NULL) {
        PyErr_Clear();
        return 0;
    }
    PyObject *cap = PyDict_GetItemWithError(tp->tp_dict, key);
    if (cap == NULL) {
        PyErr_Clear();
        return 0;
    }
    if (!PyCapsule_IsValid(cap, OXY_XCALL_CAPSULE)) return 0;
    const oxy_xcall_api *api = (const oxy_xcall_api *)PyCapsule_GetPointer(cap, OXY_XCALL_CAPSULE);
    if (api == NULL || api->abi != 1) {
        PyErr_Clear();
        return 0;
    }
    oxy_native_fn fn = api->native_of(o, sig);
    if (fn == NULL) return 0;
    site->fn = fn;
    Py_INCREF(o);
    Py_XSETREF(site->obj, o);
    return 1;
}

/* ---- cross-module classes (see oxyc_rt.h) ---- */

static PyObject *oxy_xclass_key(void) {
    static PyObject *key = NULL;
    if (key == NULL) key = PyUnicode_InternFromString("__oxyc_xclass__");
    return key;
}

int oxy_xclass_install(PyTypeObject *t, const oxy_xclass_desc *d) {
    PyObject *key = oxy_xclass_key();
    if (key == NULL) return -1;
    PyObject *cap = PyCapsule_New((void *)d, OXY_XCLASS_CAPSULE, NULL);
    if (cap == NULL) return -1;
    int r = PyDict_SetItem(t->tp_dict, key, cap);
    Py_DECREF(cap);
    if (r < 0) return -1;
    PyType_Modified(t);
    return 0;
}

/* The descriptor in `t`'s own dict, if it is the class it describes. */
static const oxy_xclass_desc *oxy_xclass_desc_of(PyTypeObject *t) {
    if (!(t->tp_flags & Py_TPFLAGS_HEAPTYPE) || t->tp_dict == NULL) return NULL;
    PyObject *key = oxy_xclass_key();
    if (key == NULL) {
        PyErr_Clear();
        return NULL;
    }
    PyObject *cap = PyDict_GetItemWithError(t->tp_dict, key);
    if (cap == NULL) {
        PyErr_Clear();
        return NULL;
    }
    if (!PyCapsule_IsValid(cap, OXY_XCLASS_CAPSULE)) return NULL;
    const oxy_xclass_desc *d = (const oxy_xclass_desc *)PyCapsule_GetPointer(cap, OXY_XCLASS_CAPSULE);
    if (d == NULL) {
        PyErr_Clear();
        return NULL;
    }
    if (d->abi != 1 || d->type == NULL || *d->type != t) return NULL;
    return d;
}

int oxy_xclass_match(oxy_xclass *x, PyTypeObject *t) {
    const oxy_xclass_desc *d = oxy_xclass_desc_of(t);
    if (d == NULL || d->layout != x->layout) {
        x->miss = t;
        return 0;
    }
    x->methods = d->methods;
    x->alloc = d->alloc;
    Py_INCREF(t);
    Py_XSETREF(x->type, t);
    return 1;
}

int oxy_xclass_isinstance(oxy_xclass *x, PyObject *o) {
    PyTypeObject *t = Py_TYPE(o);
    if (t == x->type) return 1;
    if (x->type != NULL && PyType_IsSubtype(t, x->type)) return 1;
    /* (The class itself may not have been seen yet: look along the MRO.) */
    PyObject *mro = t->tp_mro;
    if (mro == NULL || !PyTuple_Check(mro)) return 0;
    for (Py_ssize_t i = 0; i < PyTuple_GET_SIZE(mro); i++) {
        PyObject *b = PyTuple_GET_ITEM(mro, i);
        if (!PyType_Check(b)) continue;
        const oxy_xclass_desc *d = oxy_xclass_desc_of((PyTypeObject *)b);
        if (d != NULL && d->layout == x->layout) {
            x->methods = d->methods;
            x->alloc = d->alloc;
            Py_INCREF(b);
            Py_XSETREF(x->type, (PyTypeObject *)b);
            return 1;
        }
    }
    return 0;
}

PyObject *oxy_function_new(PyMethodDef *def, PyObject *self_arg, PyObject *module_name,
                           oxy_codeinfo *info) {
    PyTypeObject *tp = oxy_function_type_get();
    if (tp == NULL) return NULL;
    OxyFunction *f = PyObject_GC_New(OxyFunction, tp);
    if (f == NULL) return NULL;
    f->def = def;
    f->info = info;
    Py_XINCREF(self_arg);
    f->self_arg = self_arg;
    f->name = PyUnicode_FromString(def->ml_name);
    f->qualname = f->name;
    Py_XINCREF(f->qualname);
    f->doc = NULL;
    if (def->ml_doc != NULL)
        f->doc = info != NULL && info->doc_len > 0 ? PyUnicode_DecodeUTF8(def->ml_doc, info->doc_len, NULL)
                                                   : PyUnicode_FromString(def->ml_doc);
    f->dict = NULL; /* (made on first use) */
    f->weakreflist = NULL;
    f->vectorcall = oxyfn_vectorcall;
    f->module = Py_XNewRef(module_name);
    f->annotations = NULL;
    f->defaults_set[0] = f->defaults_set[1] = NULL;
    PyObject_GC_Track((PyObject *)f);
    if (f->name == NULL || (def->ml_doc != NULL && f->doc == NULL)) {
        Py_DECREF(f);
        return NULL;
    }
    return (PyObject *)f;
}

PyObject *oxy_closure_new(PyMethodDef *def, PyObject *closure, PyObject *module_name,
                          PyObject *qualname, oxy_codeinfo *info) {
    PyObject *fn = oxy_function_new(def, closure, module_name, info);
    if (fn == NULL) return NULL;
    Py_INCREF(qualname);
    Py_SETREF(((OxyFunction *)fn)->qualname, qualname);
    return fn;
}

/* ---- generic arithmetic on two exact ints ------------------------------- */

/* The value of `o` when it is an exact int of at most two 30-bit digits (|v| <
   2**60, so a sum or difference of two cannot overflow 64 bits). */
static inline int oxy_small_exact_int(PyObject *o, int64_t *v) {
#if PY_VERSION_HEX < 0x030C0000 && PYLONG_BITS_IN_DIGIT == 30
    if (!PyLong_CheckExact(o)) return 0;
    const digit *d = ((PyLongObject *)o)->ob_digit;
    switch (Py_SIZE(o)) {
    case 0: *v = 0; return 1;
    case 1: *v = (int64_t)d[0]; return 1;
    case -1: *v = -(int64_t)d[0]; return 1;
    case 2: *v = (int64_t)d[0] | ((int64_t)d[1] << 30); return 1;
    case -2: *v = -((int64_t)d[0] | ((int64_t)d[1] << 30)); return 1;
    default: return 0;
    }
#else
    (void)o;
    (void)v;
    return 0;
#endif
}

/* `a OP b` for operands of unknown types (the generic ops of compiled code):
   two exact ints of moderate size are computed in machine words, one new int
   (small ones the interpreter's cached objects, as int's own operators give);
   anything else is PyNumber_*'s. int is immutable, so its operators are always
   these: the result is the interpreter's. The in-place forms are the same for
   ints (which have no in-place slots). */
#define OXY_OBJ_INT_OP(name, fallback, expr)                                          \
    PyObject *name(PyObject *a, PyObject *b) {                                        \
        int64_t x, y;                                                                 \
        if (oxy_small_exact_int(a, &x) && oxy_small_exact_int(b, &y)) {               \
            int64_t r;                                                                \
            if (expr) return PyLong_FromLongLong((long long)r);                       \
        }                                                                             \
        return fallback(a, b);                                                        \
    }
OXY_OBJ_INT_OP(oxy_obj_add, PyNumber_Add, ((r = x + y), 1))
OXY_OBJ_INT_OP(oxy_obj_sub, PyNumber_Subtract, ((r = x - y), 1))
OXY_OBJ_INT_OP(oxy_obj_mul, PyNumber_Multiply, !__builtin_mul_overflow(x, y, &r))
OXY_OBJ_INT_OP(oxy_obj_and, PyNumber_And, ((r = x & y), 1))
OXY_OBJ_INT_OP(oxy_obj_or, PyNumber_Or, ((r = x | y), 1))
OXY_OBJ_INT_OP(oxy_obj_xor, PyNumber_Xor, ((r = x ^ y), 1))
OXY_OBJ_INT_OP(oxy_obj_iadd, PyNumber_InPlaceAdd, ((r = x + y), 1))
OXY_OBJ_INT_OP(oxy_obj_isub, PyNumber_InPlaceSubtract, ((r = x - y), 1))
OXY_OBJ_INT_OP(oxy_obj_imul, PyNumber_InPlaceMultiply, !__builtin_mul_overflow(x, y, &r))
OXY_OBJ_INT_OP(oxy_obj_iand, PyNumber_InPlaceAnd, ((r = x & y), 1))
OXY_OBJ_INT_OP(oxy_obj_ior, PyNumber_InPlaceOr, ((r = x | y), 1))
OXY_OBJ_INT_OP(oxy_obj_ixor, PyNumber_InPlaceXor, ((r = x ^ y), 1))
#undef OXY_OBJ_INT_OP

