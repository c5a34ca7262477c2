/*
 * oxyc_rt.h -- the runtime library used by C code that oxyc generates.
 *
 * Target: CPython 3.11, 64-bit, GCC or Clang.  The runtime is compiled once
 * (runtime/oxyc_rt.c, gcc -O2 -fPIC -std=c11) and linked into every generated
 * extension module.  Every symbol has hidden visibility, so each extension
 * module carries its own private copy and nothing is exported.
 *
 * ---------------------------------------------------------------------------
 * Representation of Python `int` (oxy_int)
 * ---------------------------------------------------------------------------
 * An oxy_int is one machine word (intptr_t, 64 bits):
 *
 *   low bit 0  "short" int; its value is  x >> 1  (arithmetic shift), so the
 *              short range is [-2**62, 2**62 - 1].
 *   low bit 1  "long" int;  (PyObject *)(x & ~1) is an OWNED reference to an
 *              exact PyLongObject (never a subclass, never bool).
 *
 * Canonical form (invariant kept by every function here): a value in the
 * short range is always stored short; the long form is used only for values
 * outside it.  Hence two oxy_ints are equal iff both are short and the words
 * are equal, or both are long and the PyLongs are equal; the truth value of
 * an oxy_int is simply `x != 0`.
 *
 * OXY_INT_ERR (the word 1, i.e. "long form with a NULL pointer") is the error
 * sentinel: a function returning oxy_int returns it iff it raised.
 *
 * Ownership: an oxy_int held in a variable owns its PyLong (long form only).
 * Copying one needs oxy_int_incref, dropping one needs oxy_int_decref; both
 * are no-ops for short ints.
 *
 * ---------------------------------------------------------------------------
 * Python `float` is a C double; `bool` is a C char (0/1).
 * ---------------------------------------------------------------------------
 *
 * ---------------------------------------------------------------------------
 * Conventions for every function below
 * ---------------------------------------------------------------------------
 *  - No function steals (consumes) a reference to its arguments.
 *  - Every PyObject * result is a NEW reference, unless stated "borrowed".
 *  - Error returns, always with a Python exception set:
 *        PyObject *   -> NULL
 *        oxy_int      -> OXY_INT_ERR
 *        int          -> -1
 *        Py_ssize_t   -> -1   (test `r == -1 && PyErr_Occurred()`)
 *        double       -> OXY_FLOAT_ERR (test `r == OXY_FLOAT_ERR &&
 *                        PyErr_Occurred()`, since -113.0 is a valid float)
 *    Functions documented as infallible never raise.
 *  - Exception types and messages are exactly CPython 3.11's.
 *  - The GIL must be held for every call.
 *  - Fast paths for the common case (both operands short, exact list, ...)
 *    are static inline here; everything else goes to an out-of-line *_slow
 *    function in oxyc_rt.c.  Generated code must only call the un-suffixed
 *    names; the *_slow functions are implementation details.
 */
#ifndef OXYC_RT_H
#define OXYC_RT_H

#ifndef PY_SSIZE_T_CLEAN
#define PY_SSIZE_T_CLEAN
#endif
#include <Python.h>
#include <stdint.h>
#include <stddef.h>
#include <string.h>

#if PY_VERSION_HEX < 0x030B0000
#error "the oxyc runtime needs CPython 3.11 or newer"
#endif

_Static_assert(sizeof(intptr_t) == 8, "oxyc needs a 64-bit platform");
_Static_assert(sizeof(Py_ssize_t) == 8, "oxyc needs a 64-bit platform");

#ifdef __cplusplus
extern "C" {
#endif

/* ======================================================================== */
/* Compiler helpers                                                          */
/* ======================================================================== */

#define OXY_LIKELY(x)   __builtin_expect(!!(x), 1)
#define OXY_UNLIKELY(x) __builtin_expect(!!(x), 0)
/* Linkage of every runtime function: private to the extension module. */
#define OXY_API __attribute__((visibility("hidden")))
/* Slow paths and error raising are cold: the compiler keeps them (and the register
   spills around their calls) out of the hot loops of generated code. */
#define OXY_COLD __attribute__((cold))
/* Helpers of a test and a call or two that generated code uses everywhere: GCC
   otherwise outlines some of them in large functions (a call in a hot loop to save
   a test). */
#define OXY_TINY __attribute__((always_inline))

/* ======================================================================== */
/* Tagged integers                                                           */
/* ======================================================================== */

typedef intptr_t oxy_int;

#define OXY_INT_ERR ((oxy_int)1)
#define OXY_INT_SHORT_MIN (-((int64_t)1 << 62))
#define OXY_INT_SHORT_MAX (((int64_t)1 << 62) - 1)

/* Is x a short int?  (OXY_INT_ERR counts as long.) */
#define OXY_INT_IS_SHORT(x) ((((oxy_int)(x)) & 1) == 0)
/* The value of a short int. */
#define OXY_INT_SHORT_VALUE(x) ((int64_t)(x) >> 1)
/* Tag a C integer v that is known to be in [OXY_INT_SHORT_MIN, OXY_INT_SHORT_MAX]. */
#define OXY_INT_FROM_SHORT(v) ((oxy_int)(int64_t)((uint64_t)(int64_t)(v) << 1))
/* The PyLong (borrowed) of a long-form int. */
#define OXY_INT_AS_OBJ(x) ((PyObject *)((oxy_int)(x) & ~(oxy_int)1))
/* Does the C integer v fit the short range? */
#define OXY_INT_FITS_SHORT(v) \
    ((int64_t)(v) >= OXY_INT_SHORT_MIN && (int64_t)(v) <= OXY_INT_SHORT_MAX)
/* Truth value (Python's bool(x)); infallible. */
#define OXY_INT_IS_TRUE(x) ((x) != 0)

/* Error sentinel of functions returning double (see conventions above). */
#define OXY_FLOAT_ERR (-113.0)

/* ---- refcounting (no-ops on short ints) ------------------------------- */

/* The long-form halves live out of line and cold, so that hot loops over short ints
   keep their registers (see OXY_COLD). */
OXY_API OXY_COLD void oxy_int_incref_long(oxy_int x);
OXY_API OXY_COLD void oxy_int_decref_long(oxy_int x);
/* A long int or OXY_INT_ERR (ignored). */
OXY_API OXY_COLD void oxy_int_xdecref_long(oxy_int x);

static inline void oxy_int_incref(oxy_int x) {
    if (OXY_UNLIKELY(!OXY_INT_IS_SHORT(x))) oxy_int_incref_long(x);
}
/* x must not be OXY_INT_ERR. */
static inline void oxy_int_decref(oxy_int x) {
    if (OXY_UNLIKELY(!OXY_INT_IS_SHORT(x))) oxy_int_decref_long(x);
}
/* Like oxy_int_decref, but OXY_INT_ERR is allowed (and ignored). */
static inline void oxy_int_xdecref(oxy_int x) {
    /* (Two tests: the C compiler then knows that an unbound local needs nothing.) */
    if (OXY_UNLIKELY(!OXY_INT_IS_SHORT(x)) && x != OXY_INT_ERR) oxy_int_decref_long(x);
}
/* Releases of objects in generated code: the deallocation is the unlikely branch, so
   the C compiler keeps the hot path's values in caller-saved registers (the
   interpreter's own macros give no hint, and a small function then saves and
   restores callee-saved registers on every call). The interpreter's macros where
   they do more: reference-debugging builds, immortal objects (3.12+). */
#if defined(Py_REF_DEBUG) || PY_VERSION_HEX >= 0x030C0000
#define OXY_DECREF(o) Py_DECREF(o)
#define OXY_XDECREF(o) Py_XDECREF(o)
/* Release o, then run `after` if that may have freed it (here: always). */
#define OXY_DECREF_HOOK(o, after) do { Py_DECREF(o); after } while (0)
#else
static inline __attribute__((always_inline)) void oxy_decref_hinted(PyObject *o) {
    if (OXY_UNLIKELY(--o->ob_refcnt == 0)) _Py_Dealloc(o);
}
static inline __attribute__((always_inline)) void oxy_xdecref_hinted(PyObject *o) {
    if (o != NULL && OXY_UNLIKELY(--o->ob_refcnt == 0)) _Py_Dealloc(o);
}
#define OXY_DECREF(o) oxy_decref_hinted((PyObject *)(o))
#define OXY_XDECREF(o) oxy_xdecref_hinted((PyObject *)(o))
#define OXY_DECREF_HOOK(o, after) do { \
        if (OXY_UNLIKELY(--(o)->ob_refcnt == 0)) { _Py_Dealloc(o); after } \
    } while (0)
#endif
/* None, True and False are pinned: compiled code does not count its references to
   them (3.11 and earlier on 64-bit builds; 3.12 makes them immortal itself).  Their
   counts are raised by 2^60 once per process (oxy_pin_singletons), so references
   the interpreter releases without compiled code having counted them can never
   bring one to zero; sys.getrefcount() of them then reports about 2^60, as 3.12's
   immortal objects report a large constant.  This matters for speed: every
   function that returns None or stores None into a field would otherwise write the
   same word of memory, and each such write waits for the one before it.
   Reference-debugging builds keep counting (their totals must balance). */
#if !defined(Py_REF_DEBUG) && PY_VERSION_HEX < 0x030C0000 && SIZEOF_VOID_P == 8
#define OXY_PINNED_SINGLETONS 1
#define OXY_INCREF_PINNED(o) ((void)0)
#define OXY_DECREF_PINNED(o) ((void)0)
#elif !defined(Py_REF_DEBUG) && PY_VERSION_HEX >= 0x030C0000
#define OXY_PINNED_SINGLETONS 0
#define OXY_INCREF_PINNED(o) ((void)0)
#define OXY_DECREF_PINNED(o) ((void)0)
#else
#define OXY_PINNED_SINGLETONS 0
#define OXY_INCREF_PINNED(o) Py_INCREF(o)
#define OXY_DECREF_PINNED(o) Py_DECREF(o)
#endif
OXY_API OXY_COLD void oxy_pin_singletons(void);
/* Runs a compiled module's body (`body(depth)`) under one Python frame of the
   module: code at line 1 of `filename` whose globals and locals are the module's
   dict `globals`, as the interpreter runs a module.  Helpers that name the module
   that called them read it from their caller's frame (`sys._getframe(1)`:
   namedtuple, the functional Enum, TypeVar, NewType, typing.NamedTuple, TypedDict;
   type() for a new class's __module__), and compiled code has no frames of its
   own: without this one they found importlib's.  While the body runs,
   `oxy_body_lineno` points at the frame's line (a dummy where the frame's layout is
   not known), which the body sets before each operation that may run Python code:
   warnings, logging and f_lineno then see the statement's line.  A traceback leaves
   the frame out.  Returns the body's result (NULL with an exception). */
OXY_API OXY_COLD PyObject *oxy_run_module_body(PyObject *(*body)(int), int depth,
                                               PyObject *globals, const char *filename);
OXY_API extern int *oxy_body_lineno;
/* A release after which an earlier check of the module's constants still holds
   unless it freed the object (which may run __del__): `on_change` runs (a jump to
   the code that reads the constants from the module dict) if a re-check then finds
   a constant rebound.  OXY_CONSTS_INTACT and oxy_consts_recheck are the module's. */
#define OXY_DECREF_K(o, on_change) do { \
        PyObject *oxy_k_ = (PyObject *)(o); \
        OXY_DECREF_HOOK(oxy_k_, if (OXY_UNLIKELY(!OXY_CONSTS_INTACT()) && !oxy_consts_recheck()) { on_change }); \
    } while (0)
/* Counting a reference to a value that may be None: no write to None's count where
   it is pinned (a test instead, which the branch predictor mostly gets right). */
#if OXY_PINNED_SINGLETONS
#define OXY_COUNTED(o) ((PyObject *)(o) != Py_None)
#else
#define OXY_COUNTED(o) 1
#endif
#define OXY_INCREF_NN(o) do { \
        PyObject *oxy_nn_ = (PyObject *)(o); \
        if (OXY_COUNTED(oxy_nn_)) Py_INCREF(oxy_nn_); \
    } while (0)
#define OXY_DECREF_NN(o) do { \
        PyObject *oxy_nn_ = (PyObject *)(o); \
        if (OXY_COUNTED(oxy_nn_)) OXY_DECREF(oxy_nn_); \
    } while (0)
#define OXY_XDECREF_NN(o) do { \
        PyObject *oxy_nn_ = (PyObject *)(o); \
        if (oxy_nn_ != NULL && OXY_COUNTED(oxy_nn_)) OXY_DECREF(oxy_nn_); \
    } while (0)
#define OXY_DECREF_K_NN(o, on_change) do { \
        PyObject *oxy_nnk_ = (PyObject *)(o); \
        if (OXY_COUNTED(oxy_nnk_)) OXY_DECREF_K(oxy_nnk_, on_change); \
    } while (0)
#define OXY_XDECREF_K_NN(o, on_change) do { \
        PyObject *oxy_nnk_ = (PyObject *)(o); \
        if (oxy_nnk_ != NULL && OXY_COUNTED(oxy_nnk_)) OXY_DECREF_K(oxy_nnk_, on_change); \
    } while (0)
/* oxy_list_decref with the re-check of OXY_DECREF_K. */
#define OXY_LIST_DECREF_K(o, on_change) do { \
        PyObject *oxy_lk_ = (PyObject *)(o); \
        if (!OXY_HAVE_LIST_POOL) OXY_DECREF_K(oxy_lk_, on_change); \
        else if (OXY_UNLIKELY(--oxy_lk_->ob_refcnt == 0)) { \
            oxy_list_free(oxy_lk_); \
            if (OXY_UNLIKELY(!OXY_CONSTS_INTACT()) && !oxy_consts_recheck()) { on_change } \
        } \
    } while (0)
#define OXY_LIST_XDECREF_K(o, on_change) do { \
        PyObject *oxy_lxk_ = (PyObject *)(o); \
        if (oxy_lxk_ != NULL) OXY_LIST_DECREF_K(oxy_lxk_, on_change); \
    } while (0)
#define OXY_XDECREF_K(o, on_change) do { \
        PyObject *oxy_xk_ = (PyObject *)(o); \
        if (oxy_xk_ != NULL) OXY_DECREF_K(oxy_xk_, on_change); \
    } while (0)
/* The old value of an int field being overwritten (OXY_INT_ERR when it was unset):
   one test in line, the unset case goes out of line with the long ones. */
static inline OXY_TINY void oxy_int_release_old(oxy_int x) {
    if (OXY_UNLIKELY(!OXY_INT_IS_SHORT(x))) oxy_int_xdecref_long(x);
}
/* The releases on error paths, out of line: they run once per exception, and
   generated code has many of them. */
OXY_API OXY_COLD void oxy_int_xdecref_ool(oxy_int x);
OXY_API OXY_COLD void oxy_xdecref_ool(PyObject *o);
/* (And the copies of code that only run with long ints count ints out of line.) */
OXY_API OXY_COLD void oxy_int_incref_ool(oxy_int x);

/* ---- out-of-line parts (oxyc_rt.c) ------------------------------------ */

OXY_API OXY_COLD oxy_int oxy_int_from_i64_slow(int64_t v);
OXY_API OXY_COLD oxy_int oxy_int_from_long_obj_slow(PyObject *o);
OXY_API OXY_COLD oxy_int oxy_int_add_slow(oxy_int a, oxy_int b);
OXY_API OXY_COLD oxy_int oxy_int_sub_slow(oxy_int a, oxy_int b);
OXY_API OXY_COLD oxy_int oxy_int_mul_slow(oxy_int a, oxy_int b);
OXY_API OXY_COLD oxy_int oxy_int_floordiv_slow(oxy_int a, oxy_int b);
OXY_API OXY_COLD oxy_int oxy_int_mod_slow(oxy_int a, oxy_int b);
OXY_API OXY_COLD oxy_int oxy_int_lshift_slow(oxy_int a, oxy_int b);
OXY_API OXY_COLD oxy_int oxy_int_rshift_slow(oxy_int a, oxy_int b);
OXY_API OXY_COLD oxy_int oxy_int_and_slow(oxy_int a, oxy_int b);
OXY_API OXY_COLD oxy_int oxy_int_or_slow(oxy_int a, oxy_int b);
OXY_API OXY_COLD oxy_int oxy_int_xor_slow(oxy_int a, oxy_int b);
OXY_API OXY_COLD oxy_int oxy_int_neg_slow(oxy_int a);
OXY_API OXY_COLD oxy_int oxy_int_invert_slow(oxy_int a);
OXY_API OXY_COLD oxy_int oxy_int_abs_slow(oxy_int a);
OXY_API OXY_COLD int oxy_int_compare_slow(oxy_int a, oxy_int b);
OXY_API OXY_COLD double oxy_int_truediv_slow(oxy_int a, oxy_int b);
OXY_API OXY_COLD double oxy_int_to_double_slow(oxy_int a);
OXY_API OXY_COLD oxy_int oxy_int_from_double_slow(double d);
OXY_API OXY_COLD PyObject *oxy_int_box_slow(oxy_int x);
/* Generic `a + b` (and -, *, &, |, ^, their in-place forms) of compiled code: two
   exact ints of moderate size in machine words, anything else PyNumber_*. */
OXY_API PyObject *oxy_obj_add(PyObject *a, PyObject *b);
OXY_API PyObject *oxy_obj_sub(PyObject *a, PyObject *b);
OXY_API PyObject *oxy_obj_mul(PyObject *a, PyObject *b);
OXY_API PyObject *oxy_obj_and(PyObject *a, PyObject *b);
OXY_API PyObject *oxy_obj_or(PyObject *a, PyObject *b);
OXY_API PyObject *oxy_obj_xor(PyObject *a, PyObject *b);
OXY_API PyObject *oxy_obj_iadd(PyObject *a, PyObject *b);
OXY_API PyObject *oxy_obj_isub(PyObject *a, PyObject *b);
OXY_API PyObject *oxy_obj_imul(PyObject *a, PyObject *b);
OXY_API PyObject *oxy_obj_iand(PyObject *a, PyObject *b);
OXY_API PyObject *oxy_obj_ior(PyObject *a, PyObject *b);
OXY_API PyObject *oxy_obj_ixor(PyObject *a, PyObject *b);

/* ---- construction and conversion -------------------------------------- */

/* Any int64 value -> oxy_int (long form when outside the short range;
   OXY_INT_ERR only on memory error). */
static inline oxy_int oxy_int_from_i64(int64_t v) {
    if (OXY_LIKELY(OXY_INT_FITS_SHORT(v))) return OXY_INT_FROM_SHORT(v);
    return oxy_int_from_i64_slow(v);
}
static inline oxy_int oxy_int_from_ssize(Py_ssize_t v) { return oxy_int_from_i64((int64_t)v); }

/* o must be a PyLong or a subclass of it (bool included).  Returns the
   canonical oxy_int (a new reference to an exact int for the long form;
   subclass instances are copied).  OXY_INT_ERR only on memory error. */
static inline oxy_int oxy_int_from_long_obj(PyObject *o) {
#if PY_VERSION_HEX < 0x030C0000 && PYLONG_BITS_IN_DIGIT == 30
    /* CPython 3.11 layout: sign in ob_size, 30-bit digits. */
    Py_ssize_t size = Py_SIZE(o);
    const digit *d = ((PyLongObject *)o)->ob_digit;
    /* The common case first: a small positive int (no jump table). */
    if (OXY_LIKELY(size == 1)) return OXY_INT_FROM_SHORT((int64_t)d[0]);
    switch (size) {
    case 0: return 0;
    case 1: return OXY_INT_FROM_SHORT((int64_t)d[0]);
    case -1: return OXY_INT_FROM_SHORT(-(int64_t)d[0]);
    case 2: return OXY_INT_FROM_SHORT((int64_t)d[0] | ((int64_t)d[1] << 30));
    case -2: return OXY_INT_FROM_SHORT(-((int64_t)d[0] | ((int64_t)d[1] << 30)));
    default: break;
    }
#endif
    return oxy_int_from_long_obj_slow(o);
}

/* Same as oxy_int_from_long_obj, but STEALS the reference to o (o may be
   NULL, in which case OXY_INT_ERR is returned: convenient for wrapping a
   C API call that returns a new PyLong or NULL). */
OXY_API oxy_int oxy_int_from_long_obj_steal(PyObject *o);
/* v > OXY_INT_SHORT_MAX, as a long-form int. */
OXY_API OXY_COLD oxy_int oxy_int_from_u64_big(uint64_t v);

/* The low 64 bits of a long object of at most three 30-bit digits (two's
   complement), read straight from its digits; *ok = 0 for a bigger one. Such longs
   are the 64-bit hashes and random states that masked arithmetic keeps making. */
static inline uint64_t oxy_long_low64(PyObject *o, int *ok) {
#if PyLong_SHIFT == 30
    Py_ssize_t n = Py_SIZE(o);
    const digit *d = ((PyLongObject *)o)->ob_digit;
    Py_ssize_t m = n < 0 ? -n : n;
    uint64_t v;
    *ok = 1;
    switch (m) {
    case 0: v = 0; break;
    case 1: v = d[0]; break;
    case 2: v = (uint64_t)d[0] | ((uint64_t)d[1] << 30); break;
    case 3: v = (uint64_t)d[0] | ((uint64_t)d[1] << 30) | ((uint64_t)d[2] << 60); break;
    default: *ok = 0; return 0;
    }
    return n < 0 ? (uint64_t)0 - v : v;
#else
    (void)o;
    *ok = 0;
    return 0;
#endif
}

/* The low 64 bits of x (two's complement), for masked arithmetic. */
static inline Py_ssize_t oxy_int_low64(oxy_int x) {
    if (OXY_LIKELY(OXY_INT_IS_SHORT(x))) return (Py_ssize_t)OXY_INT_SHORT_VALUE(x);
    int ok;
    uint64_t v = oxy_long_low64(OXY_INT_AS_OBJ(x), &ok);
    if (OXY_LIKELY(ok)) return (Py_ssize_t)v;
    return (Py_ssize_t)PyLong_AsUnsignedLongLongMask(OXY_INT_AS_OBJ(x));
}
/* A non-negative 64-bit value as an int (OXY_INT_ERR on memory error). */
static inline oxy_int oxy_int_from_u64(uint64_t v) {
    if (OXY_LIKELY(v <= (uint64_t)OXY_INT_SHORT_MAX)) return OXY_INT_FROM_SHORT((int64_t)v);
    return oxy_int_from_u64_big(v);
}

/* Box: a new reference to an exact PyLong, NULL on memory error. */
/* Boxed ints 0 .. OXY_BOX_CACHE_N - 1, made on first use and kept for the life of
   the process (CPython itself keeps -5 .. 256): boxing a small count, index or
   payload is then a load and an incref instead of an allocation. Ints have no
   identity that Python promises, so sharing them is invisible but for `is`. */
#define OXY_BOX_CACHE_N 8192
OXY_API extern PyObject *oxy_box_cache[OXY_BOX_CACHE_N];
OXY_API OXY_COLD PyObject *oxy_box_cache_fill(long long v);

static inline PyObject *oxy_int_box(oxy_int x) {
    if (OXY_LIKELY(OXY_INT_IS_SHORT(x))) {
        long long v = OXY_INT_SHORT_VALUE(x);
        if (OXY_LIKELY((unsigned long long)v < OXY_BOX_CACHE_N)) {
            PyObject *o = oxy_box_cache[v];
            if (OXY_LIKELY(o != NULL)) {
                Py_INCREF(o);
                return o;
            }
            return oxy_box_cache_fill(v);
        }
        return PyLong_FromLongLong(v);
    }
    return oxy_int_box_slow(x);
}

/* A decimal literal (optional sign, digits, underscores allowed as in
   Python source) -> oxy_int.  For literals that do not fit the short range. */
OXY_API oxy_int oxy_int_from_decimal(const char *digits);

/* For indices: the value as Py_ssize_t, or -1 with OverflowError "Python
   int too large to convert to C ssize_t". */
static inline Py_ssize_t oxy_int_as_ssize(oxy_int x) {
    if (OXY_LIKELY(OXY_INT_IS_SHORT(x))) return (Py_ssize_t)OXY_INT_SHORT_VALUE(x);
    return PyLong_AsSsize_t(OXY_INT_AS_OBJ(x));
}

/* float(x): correctly rounded; OverflowError "int too large to convert to
   float" -> OXY_FLOAT_ERR. */
static inline double oxy_int_to_double(oxy_int x) {
    if (OXY_LIKELY(OXY_INT_IS_SHORT(x))) return (double)OXY_INT_SHORT_VALUE(x);
    return oxy_int_to_double_slow(x);
}

/* int(d) (truncation).  ValueError "cannot convert float NaN to integer",
   OverflowError "cannot convert float infinity to integer". */
static inline oxy_int oxy_int_from_double(double d) {
    /* -2**62 <= d < 2**62 (false for NaN) => trunc(d) is short. */
    if (OXY_LIKELY(d >= -4611686018427387904.0 && d < 4611686018427387904.0))
        return OXY_INT_FROM_SHORT((int64_t)d);
    return oxy_int_from_double_slow(d);
}

/* str(x) as a new str: a short int's digits are written directly (a long one
   raises ValueError past sys.get_int_max_str_digits()). */
OXY_API PyObject *oxy_int_to_str(oxy_int x);

/* round(d) -> int (round half to even); same errors as oxy_int_from_double. */
OXY_API oxy_int oxy_float_round(double d);
/* round(x, ndigits) of a float: for 0 <= ndigits <= 22 and a result of at most 15
   significant digits, x scaled by 10**ndigits is rounded half-even exactly (in
   128-bit integers) and divided back, which is the correctly rounded value
   float.__round__ gives; anything else is float.__round__ itself. */
OXY_API double oxy_float_round_to(double x, oxy_int ndigits);

/* x.bit_length() */
OXY_API oxy_int oxy_int_bit_length(oxy_int x);

/* ---- arithmetic ------------------------------------------------------- */
/* All return a new oxy_int or OXY_INT_ERR; exactly Python's int results. */

static inline oxy_int oxy_int_add(oxy_int a, oxy_int b) {
    oxy_int r;
    if (OXY_LIKELY(((a | b) & 1) == 0) && OXY_LIKELY(!__builtin_add_overflow(a, b, &r)))
        return r;
    return oxy_int_add_slow(a, b);
}

static inline oxy_int oxy_int_sub(oxy_int a, oxy_int b) {
    oxy_int r;
    if (OXY_LIKELY(((a | b) & 1) == 0) && OXY_LIKELY(!__builtin_sub_overflow(a, b, &r)))
        return r;
    return oxy_int_sub_slow(a, b);
}

static inline oxy_int oxy_int_mul(oxy_int a, oxy_int b) {
    oxy_int r;
    /* (2x) * y == 2(xy): fits in 64 bits iff xy is short. */
    if (OXY_LIKELY(((a | b) & 1) == 0) &&
        OXY_LIKELY(!__builtin_mul_overflow(a, (oxy_int)OXY_INT_SHORT_VALUE(b), &r)))
        return r;
    return oxy_int_mul_slow(a, b);
}

/* a // b, rounding toward negative infinity.  ZeroDivisionError "integer
   division or modulo by zero". */
static inline oxy_int oxy_int_floordiv(oxy_int a, oxy_int b) {
    if (OXY_LIKELY(((a | b) & 1) == 0) && OXY_LIKELY(b != 0)) {
        /* (2x) / (2y) truncates like x / y; b is even so never -1. */
        int64_t q = (int64_t)a / (int64_t)b;
        int64_t r = (int64_t)a % (int64_t)b;
        if (r != 0 && ((r ^ (int64_t)b) < 0)) q -= 1;
        if (OXY_LIKELY(q <= OXY_INT_SHORT_MAX)) /* only (-2**62) // -1 overflows */
            return OXY_INT_FROM_SHORT(q);
    }
    return oxy_int_floordiv_slow(a, b);
}

/* a % b, result has the sign of b.  ZeroDivisionError "integer modulo by
   zero" (that is 3.11's text for %). */
static inline oxy_int oxy_int_mod(oxy_int a, oxy_int b) {
    if (OXY_LIKELY(((a | b) & 1) == 0) && OXY_LIKELY(b != 0)) {
        /* (2x) % (2y) == 2(x % y) */
        oxy_int r = (oxy_int)((int64_t)a % (int64_t)b);
        if (r != 0 && ((r ^ b) < 0)) r += b;
        return r;
    }
    return oxy_int_mod_slow(a, b);
}

/* a << b; ValueError "negative shift count". */
static inline oxy_int oxy_int_lshift(oxy_int a, oxy_int b) {
    if (OXY_LIKELY(((a | b) & 1) == 0)) {
        int64_t n = OXY_INT_SHORT_VALUE(b);
        if (OXY_LIKELY((uint64_t)n < 63)) {
            oxy_int r = (oxy_int)((uint64_t)a << n);
            if (OXY_LIKELY((r >> n) == a)) return r;
        }
    }
    return oxy_int_lshift_slow(a, b);
}

/* a >> b (arithmetic); ValueError "negative shift count". */
static inline oxy_int oxy_int_rshift(oxy_int a, oxy_int b) {
    if (OXY_LIKELY(((a | b) & 1) == 0)) {
        int64_t n = OXY_INT_SHORT_VALUE(b);
        if (OXY_LIKELY(n >= 0)) {
            if (n > 63) n = 63;
            return (a >> n) & ~(oxy_int)1;
        }
    }
    return oxy_int_rshift_slow(a, b);
}

static inline oxy_int oxy_int_and(oxy_int a, oxy_int b) {
    if (OXY_LIKELY(((a | b) & 1) == 0)) return a & b;
    return oxy_int_and_slow(a, b);
}
static inline oxy_int oxy_int_or(oxy_int a, oxy_int b) {
    if (OXY_LIKELY(((a | b) & 1) == 0)) return a | b;
    return oxy_int_or_slow(a, b);
}
static inline oxy_int oxy_int_xor(oxy_int a, oxy_int b) {
    if (OXY_LIKELY(((a | b) & 1) == 0)) return a ^ b;
    return oxy_int_xor_slow(a, b);
}

/* -a */
static inline oxy_int oxy_int_neg(oxy_int a) {
    oxy_int r;
    if (OXY_LIKELY(OXY_INT_IS_SHORT(a)) && OXY_LIKELY(!__builtin_sub_overflow((oxy_int)0, a, &r)))
        return r;
    return oxy_int_neg_slow(a);
}

/* ~a == -a - 1 (a short result never overflows) */
static inline oxy_int oxy_int_invert(oxy_int a) {
    if (OXY_LIKELY(OXY_INT_IS_SHORT(a))) return a ^ ~(oxy_int)1;
    return oxy_int_invert_slow(a);
}

/* abs(a) */
static inline oxy_int oxy_int_abs(oxy_int a) {
    if (OXY_LIKELY(OXY_INT_IS_SHORT(a)) && a >= 0) return a;
    if (OXY_INT_IS_SHORT(a)) return oxy_int_neg(a);
    return oxy_int_abs_slow(a);
}

/* a ** b for b >= 0 (the compiler uses it only then).  For b < 0 it raises
   TypeError "oxy_int_pow: negative exponent" (defensive). */
OXY_API oxy_int oxy_int_pow(oxy_int a, oxy_int b);

/* a / b as Python computes int / int: correctly rounded.  ZeroDivisionError
   "division by zero"; OverflowError "integer division result too large for
   a float" etc.  Error return OXY_FLOAT_ERR. */
static inline double oxy_int_truediv(oxy_int a, oxy_int b) {
    if (OXY_LIKELY(((a | b) & 1) == 0) && OXY_LIKELY(b != 0)) {
        int64_t x = OXY_INT_SHORT_VALUE(a), y = OXY_INT_SHORT_VALUE(b);
        const uint64_t lim = (uint64_t)1 << 53;
        /* both exactly representable => one IEEE division is correctly rounded */
        if (OXY_LIKELY((uint64_t)x + lim <= 2 * lim && (uint64_t)y + lim <= 2 * lim))
            return (double)x / (double)y;
    }
    return oxy_int_truediv_slow(a, b);
}

/* divmod(a, b) -> new tuple of two ints.  ZeroDivisionError "integer
   division or modulo by zero". */
OXY_API PyObject *oxy_int_divmod(oxy_int a, oxy_int b);

/* ---- comparisons (infallible, return 0/1) ------------------------------ */

static inline OXY_TINY char oxy_int_eq(oxy_int a, oxy_int b) {
    if (a == b) return 1;
    if (OXY_LIKELY(((a & b) & 1) == 0)) return 0; /* at least one is short */
    return oxy_int_compare_slow(a, b) == 0;
}
static inline OXY_TINY char oxy_int_ne(oxy_int a, oxy_int b) { return !oxy_int_eq(a, b); }
static inline OXY_TINY char oxy_int_lt(oxy_int a, oxy_int b) {
    if (OXY_LIKELY(((a | b) & 1) == 0)) return a < b;
    return oxy_int_compare_slow(a, b) < 0;
}
static inline OXY_TINY char oxy_int_le(oxy_int a, oxy_int b) {
    if (OXY_LIKELY(((a | b) & 1) == 0)) return a <= b;
    return oxy_int_compare_slow(a, b) <= 0;
}
static inline OXY_TINY char oxy_int_gt(oxy_int a, oxy_int b) {
    if (OXY_LIKELY(((a | b) & 1) == 0)) return a > b;
    return oxy_int_compare_slow(a, b) > 0;
}
static inline OXY_TINY char oxy_int_ge(oxy_int a, oxy_int b) {
    if (OXY_LIKELY(((a | b) & 1) == 0)) return a >= b;
    return oxy_int_compare_slow(a, b) >= 0;
}

/* ---- out-of-line forms ------------------------------------------------ */
/* The same operations as plain calls (fast path included), for generated code
   whose size matters more than its speed: the copies of a function or a loop that
   only run with long ints. oxy_int_cmp_ool(a, b) is -1, 0 or 1 (infallible). */
OXY_API oxy_int oxy_int_add_ool(oxy_int a, oxy_int b);
OXY_API oxy_int oxy_int_sub_ool(oxy_int a, oxy_int b);
OXY_API oxy_int oxy_int_mul_ool(oxy_int a, oxy_int b);
OXY_API oxy_int oxy_int_floordiv_ool(oxy_int a, oxy_int b);
OXY_API oxy_int oxy_int_mod_ool(oxy_int a, oxy_int b);
OXY_API oxy_int oxy_int_lshift_ool(oxy_int a, oxy_int b);
OXY_API oxy_int oxy_int_rshift_ool(oxy_int a, oxy_int b);
OXY_API oxy_int oxy_int_and_ool(oxy_int a, oxy_int b);
OXY_API oxy_int oxy_int_or_ool(oxy_int a, oxy_int b);
OXY_API oxy_int oxy_int_xor_ool(oxy_int a, oxy_int b);
OXY_API int oxy_int_cmp_ool(oxy_int a, oxy_int b);

/* ======================================================================== */
/* Floats                                                                    */
/* ======================================================================== */

OXY_API OXY_COLD double oxy_float_div_slow(double a, double b);

/* a / b; ZeroDivisionError "float division by zero". */
static inline double oxy_float_div(double a, double b) {
    if (OXY_LIKELY(b != 0.0)) return a / b;
    return oxy_float_div_slow(a, b);
}
/* a // b; ZeroDivisionError "float floor division by zero". */
OXY_API double oxy_float_floordiv(double a, double b);
/* a % b; ZeroDivisionError "float modulo". */
OXY_API double oxy_float_mod(double a, double b);
/* divmod(a, b) -> new tuple of two floats; ZeroDivisionError "float divmod()". */
OXY_API PyObject *oxy_float_divmod(double a, double b);
/* a ** b where the result is a float (the compiler guarantees b is
   integral-valued).  ZeroDivisionError "0.0 cannot be raised to a negative
   power"; OverflowError (34, 'Numerical result out of range').  A negative
   base with a non-integral exponent (a complex result in Python) raises
   TypeError "oxy_float_pow: complex result" (defensive). */
OXY_API double oxy_float_pow(double a, double b);

/* str(d) / repr(d) as a new str. */
OXY_API PyObject *oxy_float_to_str(double d);

/* Box a double: new PyFloat, NULL on memory error. */
static inline PyObject *oxy_float_box(double d) { return PyFloat_FromDouble(d); }

/* o is a float or an int (or subclasses); an int is converted exactly like
   float(o) (OverflowError "int too large to convert to float").  Anything
   else goes through PyFloat_AsDouble.  OXY_FLOAT_ERR on error. */
OXY_API OXY_COLD double oxy_float_unbox_slow(PyObject *o);
static inline double oxy_float_unbox(PyObject *o) {
    if (OXY_LIKELY(PyFloat_CheckExact(o))) return PyFloat_AS_DOUBLE(o);
    return oxy_float_unbox_slow(o);
}

/* ======================================================================== */
/* Booleans                                                                  */
/* ======================================================================== */

/* New reference to Py_True / Py_False. */
static inline PyObject *oxy_bool_box(char b) {
    PyObject *r = b ? Py_True : Py_False;
    Py_INCREF(r);
    return r;
}

/* ======================================================================== */
/* Calls, recursion depth, argument parsing                                  */
/* ======================================================================== */

/* Depth of compiled frames on this thread, and the cached recursion limit.
   Compiled frames are counted separately from interpreted ones, and each
   extension module has its own counter (the runtime is linked privately
   into each).  The limit (sys.getrecursionlimit()) is re-read only when the
   cached value is exceeded: a raised limit is honoured at once, a lowered
   one only after the old limit is next exceeded. */
extern OXY_API _Thread_local int oxy_rt_call_depth __attribute__((tls_model("initial-exec")));
extern OXY_API int oxy_rt_recursion_limit;
OXY_API OXY_COLD int oxy_enter_call_slow(void);

/* Call at entry of every compiled function body: 0, or -1 with
   RecursionError "maximum recursion depth exceeded" (the counter is then
   left unchanged and oxy_leave_call must NOT be called). */
static inline int oxy_enter_call(void) {
    if (OXY_UNLIKELY(++oxy_rt_call_depth > oxy_rt_recursion_limit)) return oxy_enter_call_slow();
    return 0;
}
/* Call on every exit of a body whose oxy_enter_call succeeded. */
static inline void oxy_leave_call(void) { --oxy_rt_call_depth; }

/* Generated code passes the compiled-frame depth along in a register (a hidden last
   argument of every native function) and publishes it in oxy_rt_call_depth on entry
   and after each native call, so a Python-callable wrapper knows where it stands.
   Called when `depth` exceeds the cached limit: re-reads the interpreter's recursion
   limit and raises RecursionError if it is still exceeded (-1), else 0. */
OXY_API OXY_COLD int oxy_depth_exceeded(int depth);

/* The lowest safe stack address of this thread (0 until oxy_stack_init() ran on it).
   Native functions compare their frame address with it every few calls, so that a
   huge recursion limit cannot overflow the C stack. */
extern OXY_API _Thread_local uintptr_t oxy_rt_stack_limit __attribute__((tls_model("initial-exec")));
OXY_API OXY_COLD void oxy_stack_init(void);

/* Recursive native functions compare their depth with a small constant (a perfectly
   predicted branch); deeper calls go out of line to check the recursion limit and the
   C stack, and to poll for Ctrl-C now and then.  0, or -1 with an exception set. */
OXY_API OXY_COLD int oxy_depth_check(int depth);
#define OXY_DEPTH_FAST_LIMIT 32
#define OXY_TOO_DEEP(depth) (OXY_UNLIKELY((depth) > OXY_DEPTH_FAST_LIMIT) && oxy_depth_check(depth) < 0)
/* At a wrapper's entry (a call from Python): the depth, and the C stack too, since a
   path that did not publish its depth (a getter, __getattr__ reached from a field
   read) may have nested the interpreter and native code any number of times. */
#define OXY_WRAPPER_TOO_DEEP(depth)                                                    \
    (OXY_UNLIKELY((depth) > OXY_DEPTH_FAST_LIMIT ||                                   \
                  (uintptr_t)__builtin_frame_address(0) < oxy_rt_stack_limit) &&      \
     oxy_depth_check(depth) < 0)

/* Parse a METH_FASTCALL|METH_KEYWORDS call (args, nargs, kwnames as given to
   the C function) for a Python-style signature with `nparams` positional-or-
   keyword parameters named names[0..nparams), the first `nrequired` of which
   have no default.  Fills out[0..nparams) with BORROWED references (NULL for
   an omitted optional parameter).  Returns 0, or -1 with CPython's TypeError
   for Python functions ("f() takes 2 positional arguments but 3 were given",
   "f() missing 1 required positional argument: 'x'", "f() got an unexpected
   keyword argument 'z'", "f() got multiple values for argument 'x'",
   "f() keywords must be strings").  fname is the function's __qualname__
   (UTF-8); names are UTF-8; `interned` is the wrapper's static array of
   nparams NULLs, where the names are kept as interned strings once made. */
OXY_API int oxy_parse_args(PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames,
                           const char *fname, const char *const *names, PyObject **interned,
                           Py_ssize_t nparams, Py_ssize_t nrequired, PyObject **out);

/* The same, remembering in `kc` (a wrapper's static, zeroed) which parameter each
   keyword of the last kwnames tuple named: a call site passes the same constant
   tuple each time, and then the names need not be looked up again. */
typedef struct {
    PyObject *kwnames;     /* the tuple (a strong reference), or NULL */
    signed char index[8];  /* parameter of each of its keywords */
} oxy_kwcache;
OXY_API int oxy_parse_args_kc(PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames,
                              const char *fname, const char *const *names, PyObject **interned,
                              Py_ssize_t nparams, Py_ssize_t nrequired, PyObject **out,
                              oxy_kwcache *kc);

/* A signature with more than positional-or-keyword parameters: positional-only
   ones, `*args`, keyword-only ones, `**kwargs`. */
typedef struct {
    const char *fname;             /* __qualname__, for messages (UTF-8) */
    const char *const *names;      /* the named parameters: positional, then keyword-only */
    const unsigned char *required; /* per named parameter: 1 when it has no default */
    PyObject **interned;           /* per named parameter: NULL, then its interned name */
    Py_ssize_t nposonly;           /* the first nposonly names are positional-only */
    Py_ssize_t npos;               /* positional parameters (including positional-only) */
    Py_ssize_t nkwonly;            /* keyword-only parameters, after the positional ones */
    int varargs, varkw;            /* has `*args` / `**kwargs` */
} oxy_sig;

/* Parse a METH_FASTCALL|METH_KEYWORDS call for signature `s`, as CPython binds a
   Python function's arguments (same checks in the same order, same messages).
   Fills out[] in the order of the def: npos positional, then the `*args` tuple
   (if any), then nkwonly keyword-only, then the `**kwargs` dict (if any).
   Named parameters are BORROWED (NULL when omitted); the tuple and the dict
   are NEW references.  Returns 0, or -1 with the TypeError set. */
/* Building the arguments of a call with `*x` / `**m` (func names the callee in
   the messages, as CPython's "f() argument after * must be an iterable, not
   int"):  extend list `l` with the items of `it`; merge mapping `m` into the
   keyword dict `d`; set keyword `key` in `d`.  A keyword given twice is
   "f() got multiple values for keyword argument 'k'".  0, or -1 with the error. */
OXY_API int oxy_call_star_extend(PyObject *func, PyObject *l, PyObject *it);
OXY_API int oxy_call_kw_merge(PyObject *func, PyObject *d, PyObject *m);
OXY_API int oxy_call_kw_set(PyObject *func, PyObject *d, PyObject *key, PyObject *value);
/* f(*x) alone: x itself when it is an exact tuple, else a tuple of its items;
   f(**m) alone: m as a dict (a copy unless f is called by vectorcall, which only
   reads it) (new references). */
OXY_API PyObject *oxy_call_star_tuple(PyObject *func, PyObject *x);
/* `super()` where `super` is a global (a module with a star import): when `callee`
   is the builtin, super(cls, inst); else callee(). New ref or NULL. */
OXY_API PyObject *oxy_call_maybe_super(PyObject *callee, PyObject *cls, PyObject *inst);
/* type(name, bases, ns) with `__module__` = modname unless ns says otherwise (the
   builtin reads it from the calling frame's globals; compiled code has no frame).
   New ref or NULL. */
OXY_API PyObject *oxy_type_new3(PyObject *name, PyObject *bases, PyObject *ns, PyObject *modname);
OXY_API PyObject *oxy_call_kw_copy(PyObject *func, PyObject *m);
/* A direct call of a function that forwards its `*args, **kwargs` as they came
   (see oxyc_passes::forward): the tuple `t` and the dict `d` as an argument array
   (borrowed items, in `small` when it holds them) and keyword names (a new tuple,
   NULL without keywords).  0, or -1 with the error; then oxy_unpacked_free. */
OXY_API int oxy_unpack_call(PyObject *t, PyObject *d, PyObject **small, Py_ssize_t nsmall,
                            PyObject ***stack, PyObject **kwnames);
OXY_API void oxy_unpacked_free(PyObject **small, PyObject **stack, PyObject *kwnames);

OXY_API int oxy_parse_sig(PyObject *const *args, Py_ssize_t nargs, PyObject *kwnames,
                          const oxy_sig *s, PyObject **out);

/* ---- wrappers: a Python call of a compiled function ------------------- */
/* A wrapper (the C function Python calls) is a table and a few lines: the runtime
   parses the arguments (oxy_parse_args / oxy_parse_sig), fills in defaults, checks
   each argument's type, converts it to the parameter's representation, then checks
   the recursion depth and the C stack; the wrapper calls the native function,
   releases what the call borrowed and boxes the result. */

/* How a parameter is passed to the native function (oxy_param.rep). */
enum { OXY_REP_OBJ, OXY_REP_INT, OXY_REP_FLOAT, OXY_REP_BOOL, OXY_REP_COLLECTOR };
/* What a parameter is checked against (oxy_param.check): an annotation's type.
   OXY_CHECK_OPTIONAL (or'ed in) lets None through too. */
enum {
    OXY_CHECK_ANY, OXY_CHECK_INT, OXY_CHECK_FLOAT, OXY_CHECK_BOOL, OXY_CHECK_STR,
    OXY_CHECK_LIST, OXY_CHECK_DICT, OXY_CHECK_TUPLE, OXY_CHECK_SET, OXY_CHECK_BYTES,
    OXY_CHECK_BYTEARRAY, OXY_CHECK_NONE, OXY_CHECK_NATIVE, OXY_CHECK_OPTIONAL = 0x80
};

typedef struct {
    const char *what;      /* "f() argument 'x'" (TypeError "... must be int, not str") */
    const char *expected;  /* the expected type's name, for the message */
    unsigned char rep;     /* OXY_REP_*: the `*args` tuple / `**kwargs` dict are collectors */
    unsigned char check;   /* OXY_CHECK_* */
    short slot;            /* a closure's default: its index in the closure tuple (self), or -1 */
    PyTypeObject **type;   /* OXY_CHECK_NATIVE: the module's pointer to the native class */
    const void *dflt;      /* the C static holding the default (a rep value), or NULL */
    /* The work on a given argument, in one step: OXY_ARG_* below, or for an object
       checked by a type flag (Py_TPFLAGS_LIST_SUBCLASS...), that flag. */
    unsigned long fast;
} oxy_param;
#define OXY_ARG_NONE 0UL        /* an unchecked object, a collector */
#define OXY_ARG_INT 1UL         /* an int: checked and unboxed */
#define OXY_ARG_GENERAL 2UL     /* anything else: see oxy_wrap_args */

/* One converted argument (the member named by its parameter's rep; `o` for
   collectors). Ints are owned by the wrapper, objects borrowed, collectors owned. */
typedef union {
    PyObject *o;
    oxy_int i;
    double f;
    char b;
} oxy_arg;

typedef struct {
    const oxy_sig *sig;          /* a full signature, or NULL: positional-or-keyword only, */
    const char *fname;           /* ... parsed with these (see oxy_parse_args) */
    const char *const *names;
    PyObject **interned;
    Py_ssize_t nrequired;
    Py_ssize_t nparams;          /* parameters of the def, collectors included */
    const oxy_param *params;
    int generator;               /* makes a generator: no depth check (the body runs later) */
} oxy_wrapper;

/* Parse, default, check and convert the arguments of a call into out[0..nparams);
   then (unless generator) check the depth and the C stack. The caller's depth
   (>= 0; call the native function with depth + 1 and restore oxy_rt_call_depth to
   it afterwards), or -1 with the exception set and nothing left to release.
   `self` is the closure tuple of a closure (its defaults), else unused. */
OXY_API int oxy_wrap_args(const oxy_wrapper *w, PyObject *self, PyObject *const *args,
                          Py_ssize_t nargs, PyObject *kwnames, oxy_arg *out);
/* An argument checked and converted as parameter p, into *out: 0, or -1 with the
   exception set (the general path of oxy_wrap_tuple); the TypeError about a tuple
   of `have` items, from `what` (the message's start) or `cwhat` and `expected`. */
OXY_API int oxy_wrap_convert(const oxy_param *p, PyObject *v, oxy_arg *out);
OXY_API OXY_COLD void oxy_raise_tuple_length(PyObject *what, const char *cwhat,
                                             const char *expected, Py_ssize_t have);

/* An unboxed tuple parameter (see oxyc_types::unboxed_params): the argument `t`,
   which oxy_wrap_args checked to be a tuple, must have exactly n items, each
   checked and converted as by items[k] into out[k] (an item's `what` names it:
   "f() argument 'p' item 1"). `what` and `expected` name the parameter and its
   annotation for the message about the length ("f() argument 'p' must be
   tuple[int, float], not tuple of 3 items"). 0 (the ints in out[] are then the
   caller's to release, the objects borrowed from the tuple), or -1 with the
   TypeError set and nothing left to release. Inline: in a wrapper, with its
   constant table and count, the loop unrolls into the checks of each item's type. */
static inline __attribute__((always_inline)) int oxy_wrap_tuple(PyObject *t,
                                                                const oxy_param *items,
                                                                Py_ssize_t n, const char *what,
                                                                const char *expected,
                                                                oxy_arg *out) {
    if (OXY_UNLIKELY(PyTuple_GET_SIZE(t) != n)) {
        oxy_raise_tuple_length(NULL, what, expected, PyTuple_GET_SIZE(t));
        return -1;
    }
    Py_ssize_t k;
    for (k = 0; k < n; k++) {
        const oxy_param *p = &items[k];
        PyObject *v = PyTuple_GET_ITEM(t, k);
        /* The common cases in one step, as in oxy_wrap_args. */
        if (p->fast == OXY_ARG_NONE) {
            out[k].o = v;
            continue;
        }
        if (p->fast == OXY_ARG_INT) {
            if (OXY_LIKELY(PyLong_Check(v))) {
                out[k].i = oxy_int_from_long_obj(v);
                if (OXY_UNLIKELY(out[k].i == OXY_INT_ERR)) goto fail;
                continue;
            }
        } else if (p->rep == OXY_REP_FLOAT) {
            if (OXY_LIKELY(PyFloat_CheckExact(v))) {
                out[k].f = PyFloat_AS_DOUBLE(v);
                continue;
            }
        } else if (p->fast != OXY_ARG_GENERAL && PyType_FastSubclass(Py_TYPE(v), p->fast)) {
            out[k].o = v;
            continue;
        }
        if (OXY_UNLIKELY(oxy_wrap_convert(p, v, &out[k]) < 0)) goto fail;
    }
    return 0;
fail:
    while (k-- > 0)
        if (items[k].rep == OXY_REP_INT) oxy_int_xdecref(out[k].i);
    return -1;
}
/* The length check for a direct call from compiled code: `msg` is
   "f() argument 'p' must be tuple[int, float]". 0, or -1 with the TypeError. */
OXY_API int oxy_tuple_arg_len(PyObject *t, Py_ssize_t n, PyObject *msg);
/* Release what the wrapper owns in out[] (ints, collectors): a generator wrapper
   that could not make its frame. */
OXY_API void oxy_wrap_release(const oxy_wrapper *w, oxy_arg *a);
/* The native function's result as the wrapper's: NULL on its error sentinel, else
   boxed (an int result's reference is dropped). */
OXY_API PyObject *oxy_wrap_int_result(oxy_int r);
OXY_API PyObject *oxy_wrap_float_result(double r);
OXY_API PyObject *oxy_wrap_bool_result(char r);

/* min(seq), max(seq), sum(seq) (which = 0, 1, 2) of a list or tuple, as the
   builtins compute them (same order of comparisons and additions, same errors),
   with exact ints and floats compared and exact small ints added in C. */
OXY_API PyObject *oxy_seq_reduce(PyObject *seq, int which);

/* str.isdigit() and friends on an exact str (kind: 0 isdigit, 1 isalpha,
   2 isalnum, 3 isspace, 4 isdecimal, 5 isnumeric, 6 isascii): 1 or 0 (a str
   subclass gets the builtin answer, as for every operation on a value typed str). */
OXY_API int oxy_str_is(PyObject *s, int kind);

/* The common str methods on a value typed str, straight to CPython's C functions
   when the receiver is an exact str and the arguments have the types those take;
   anything else (a subclass that may override the method, an argument of another
   type, which then raises the method's own error) is the ordinary method call.
   A new reference, or NULL with the error.
     oxy_str_split(s, sep, maxsplit, which): s.split(sep, maxsplit) (which 0) or
       s.rsplit (1); sep None and maxsplit -1 when not given.
     oxy_str_strip(s, chars, which): strip (0), lstrip (1), rstrip (2); chars None
       when not given.
     oxy_str_affix(s, x, which): startswith (0), endswith (1): True or False.
     oxy_str_find(s, sub, which): find (0), rfind (1), count (2), index (3),
       rindex (4): an int.
     oxy_str_replace(s, old, new, count): count -1 when not given.
     oxy_str_partition(s, sep, which): partition (0), rpartition (1).
     oxy_str_case(s, which): lower (0), upper (1), capitalize (2). */
OXY_API PyObject *oxy_str_split(PyObject *s, PyObject *sep, PyObject *maxsplit, int which);
OXY_API PyObject *oxy_str_strip(PyObject *s, PyObject *chars, int which);
OXY_API PyObject *oxy_str_affix(PyObject *s, PyObject *x, int which);
OXY_API PyObject *oxy_str_find(PyObject *s, PyObject *sub, int which);
OXY_API PyObject *oxy_str_replace(PyObject *s, PyObject *old, PyObject *new_, PyObject *count);
OXY_API PyObject *oxy_str_partition(PyObject *s, PyObject *sep, int which);
OXY_API PyObject *oxy_str_case(PyObject *s, int which);
/* s.strip(chars).lower() (upper = 0) or .upper() (upper = 1), which as for
   oxy_str_strip: an exact ASCII s and chars (or None) in one pass and one new str,
   anything else as the two calls. */
OXY_API PyObject *oxy_str_strip_case(PyObject *s, PyObject *chars, int which, int upper);
/* `for t in s.split():` without the list (see oxyc_irbuild::token_local): the
   walk is s itself for an exact ASCII str, whose tokens are walked in place
   (oxy_split_start, oxy_split_end), else an iterator over s.split() (the method
   of a subclass). A token is (base, i, j): characters [i, j) of the exact ASCII
   str base, or with i < 0 the object base itself. */
OXY_API PyObject *oxy_split_walk(PyObject *s);
/* Characters str.split() splits at, below 64 (none at or above 128 in ASCII). */
#define OXY_SPLIT_SPACE_BITS (0xF0003E00ull | (1ull << 32))
#define OXY_SPLIT_IS_SPACE(c) ((c) < 64 && ((OXY_SPLIT_SPACE_BITS >> (c)) & 1))
/* The start of the next token at or after pos (len(s) when none is left). */
static inline Py_ssize_t oxy_split_start(PyObject *s, Py_ssize_t pos) {
    const Py_UCS1 *p = PyUnicode_1BYTE_DATA(s);
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    while (pos < n && OXY_SPLIT_IS_SPACE(p[pos])) pos++;
    return pos;
}
/* The end of the token that starts at i. */
static inline Py_ssize_t oxy_split_end(PyObject *s, Py_ssize_t i) {
    const Py_UCS1 *p = PyUnicode_1BYTE_DATA(s);
    Py_ssize_t n = PyUnicode_GET_LENGTH(s);
    while (i < n && !OXY_SPLIT_IS_SPACE(p[i])) i++;
    return i;
}
/* The token as a str (a new reference). */
OXY_API PyObject *oxy_tok_str(PyObject *base, Py_ssize_t i, Py_ssize_t j);
/* token.strip(chars) (lstrip: which 1, rstrip: 2) and .lower()/.upper() of that. */
OXY_API PyObject *oxy_tok_strip(PyObject *base, Py_ssize_t i, Py_ssize_t j, PyObject *chars, int which);
OXY_API PyObject *oxy_tok_strip_case(PyObject *base, Py_ssize_t i, Py_ssize_t j, PyObject *chars,
                                     int which, int upper);
/* sep.join(items): PyUnicode_Join for an exact str sep, else the method. */
OXY_API PyObject *oxy_str_join(PyObject *sep, PyObject *items);

/* d.get(key, default) and d.setdefault(key, default) (dflt NULL when not given: None)
   on a value typed dict: the dict's own lookup for an exact dict, the method
   otherwise (a subclass may override it). A new reference, or NULL. */
OXY_API PyObject *oxy_dict_get(PyObject *d, PyObject *key, PyObject *dflt);
OXY_API PyObject *oxy_dict_setdefault(PyObject *d, PyObject *key, PyObject *dflt);

/* obj.name(*args) where obj's type may be a builtin one: a per-call-site cache of
   the method descriptor for a type whose methods cannot change (immutable, no
   instance dict, generic attribute lookup: str, list, dict, ...), called with the
   receiver first; anything else is the ordinary method call. argv[0] is the
   receiver; nargs counts it. */
typedef struct {
    PyTypeObject *type; /* strong references, kept */
    PyObject *descr;
} oxy_method_cache;
OXY_API PyObject *oxy_call_method_ic(oxy_method_cache *c, PyObject *name, PyObject *const *argv,
                                     size_t nargs, PyObject *kwnames);

/* ======================================================================== */
/* Raising errors                                                            */
/* ======================================================================== */

/* TypeError "f() argument 'x' must be int, not str" (fname, argname, expected
   are UTF-8; the type name is type(got).__name__ as tp_name gives it, or
   "None" for None, like CPython's own argument errors). */
OXY_API OXY_COLD void oxy_raise_arg_type(const char *fname, const char *argname, const char *expected,
                                PyObject *got);
/* TypeError "<what> must be <expected>, not <type(got)>", e.g. what =
   "f() return value" or "local variable 'x' in f()". */
OXY_API OXY_COLD void oxy_raise_type(const char *what, const char *expected, PyObject *got);
/* UnboundLocalError "cannot access local variable 'x' where it is not
   associated with a value". */
OXY_API OXY_COLD void oxy_raise_unbound_local(const char *name);
/* NameError "cannot access free variable 'x' where it is not associated
   with a value in enclosing scope" (a closure cell read before assignment). */
OXY_API OXY_COLD void oxy_raise_unbound_free(const char *name);

/* isinstance(x, cls) where the name of cls is a builtin class: `check` is that
   class's C check of x (true for its instances and subclass instances). The
   common builtin types do not override __class__, so for their instances a failed
   check is the answer; anything else (a proxy whose __class__ lies, a replaced
   builtin) takes the interpreter's path. */
/* Those types (int, str, float, list, dict, tuple, bool, NoneType, bytes, set), by
   address: each sits alone in slot `(t >> oxy_plain_shift) & 31` of the table, so
   recognising one is a load and a compare (filled by oxy_plain_types_init; an
   empty table only sends every check the long way). */
/* Is the collector tracking o (of a GC type)? In 3.11 its GC header, two words with
   the list link first (zero when untracked), sits just before the object. */
#if PY_VERSION_HEX >= 0x030B0000 && PY_VERSION_HEX < 0x030C0000
#define OXY_GC_TRACKED(o) (((const uintptr_t *)(o))[-2] != 0)
#else
#define OXY_GC_TRACKED(o) PyObject_GC_IsTracked(o)
#endif

/* Could v be part of a reference cycle? What makes a dict insertion track the dict,
   and what keeps a tuple tracked: a GC object, except an untracked tuple. */
static inline int oxy_may_be_tracked(PyObject *v) {
    PyTypeObject *tp = Py_TYPE(v);
    if (!PyType_IS_GC(tp) || (tp->tp_is_gc != NULL && !tp->tp_is_gc(v))) return 0;
    return tp != &PyTuple_Type || OXY_GC_TRACKED(v);
}

extern OXY_API PyTypeObject *oxy_plain_types[32];
extern OXY_API unsigned oxy_plain_shift;
OXY_API OXY_COLD void oxy_plain_types_init(void);
static inline int oxy_isinstance_fast(PyObject *x, PyObject *cls, int check, PyTypeObject *expect) {
    if (OXY_LIKELY(cls == (PyObject *)expect)) {
        if (check) return 1;
        PyTypeObject *t = Py_TYPE(x);
        if (oxy_plain_types[((uintptr_t)t >> oxy_plain_shift) & 31] == t) return 0;
    }
    return PyObject_IsInstance(x, cls);
}

/* b[i] of a bytes / bytearray with an int index: the byte. Anything but an exact
   bytes / bytearray and a short in-range index takes the generic path (a
   subclass's __getitem__, CPython's IndexError messages); OXY_INT_ERR on error. */
OXY_API OXY_COLD oxy_int oxy_getitem_int_slow(PyObject *b, oxy_int i);
static inline oxy_int oxy_bytes_getitem(PyObject *b, oxy_int i) {
    if (OXY_LIKELY(OXY_INT_IS_SHORT(i) && PyBytes_CheckExact(b))) {
        Py_ssize_t n = PyBytes_GET_SIZE(b), k = (Py_ssize_t)OXY_INT_SHORT_VALUE(i);
        if (k < 0) k += n;
        if (OXY_LIKELY(k >= 0 && k < n)) return OXY_INT_FROM_SHORT((unsigned char)PyBytes_AS_STRING(b)[k]);
    }
    return oxy_getitem_int_slow(b, i);
}
static inline oxy_int oxy_bytearray_getitem(PyObject *b, oxy_int i) {
    if (OXY_LIKELY(OXY_INT_IS_SHORT(i) && PyByteArray_CheckExact(b))) {
        Py_ssize_t n = PyByteArray_GET_SIZE(b), k = (Py_ssize_t)OXY_INT_SHORT_VALUE(i);
        if (k < 0) k += n;
        if (OXY_LIKELY(k >= 0 && k < n)) return OXY_INT_FROM_SHORT((unsigned char)PyByteArray_AS_STRING(b)[k]);
    }
    return oxy_getitem_int_slow(b, i);
}

/* xs[lo:hi] on a value typed list, str or tuple (flags: 1 = lo given, 2 = hi
   given); an exact list, str or tuple with short bounds is sliced directly,
   anything else goes through __getitem__. */
OXY_API PyObject *oxy_list_slice(PyObject *l, oxy_int lo, oxy_int hi, int flags);
OXY_API PyObject *oxy_list_slice_tuple(PyObject *l, oxy_int lo, oxy_int hi, int flags);
/* Tuple keys hashed once (oxyc_rt_hot.c): the hash of a pure key, or -1 ("hash
 * it yourself"); lookups given that answer.  See there. */
OXY_API Py_hash_t oxy_hash_pure(PyObject *o);
OXY_API int oxy_contains_h(PyObject *container, PyObject *key, Py_hash_t hash);
OXY_API PyObject *oxy_set_add_h(PyObject *set, PyObject *key, Py_hash_t hash);
OXY_API PyObject *oxy_dict_getitem_h(PyObject *d, PyObject *key, Py_hash_t hash);
OXY_API int oxy_dict_setitem_h(PyObject *d, PyObject *key, PyObject *value, Py_hash_t hash);
OXY_API PyObject *oxy_dict_get_h(PyObject *d, PyObject *key, PyObject *dflt, Py_hash_t hash);
/* Dict displays whose keys are str literals (oxyc_rt_hot.c): the template, a dict of
 * the keys to None made once; a new dict from it and the values. */
OXY_API PyObject *oxy_dict_template(Py_ssize_t n, PyObject *const *keys);
/* A dict display of many literals: keys[i] -> values[i] (two tuples of the same
   size), inserted in order, as the display would. */
OXY_API PyObject *oxy_dict_from_tuples(PyObject *keys, PyObject *values);
/* Is `callable` collections.namedtuple, or a class made by enum's metaclass (both take
   module=, which compiled callers pass: they have no frame to read it from)? Never
   fails. */
OXY_API char oxy_module_kw_fits(PyObject *callable);
OXY_API PyObject *oxy_dict_from_template(PyObject *tpl, Py_ssize_t n, PyObject *const *keys,
                                         PyObject *const *values);

/* s.strip(chars) (which: 0 both, 1 left, 2 right) for an exact str s of one byte
   per character and an exact ASCII str chars (or None: ASCII whitespace, for an
   ASCII s): a scan against a bitmap of the characters. */
OXY_API PyObject *oxy_str_strip_ascii_set(PyObject *s, PyObject *chars, int which);

/* int(s) for a value typed str: an exact ASCII str of an optional sign and at most
   18 decimal digits (with ASCII whitespace around them) is read directly; anything else is int()'s own parsing. */
OXY_API oxy_int oxy_str_to_int(PyObject *s);

/* a + b + c (+ d) of values typed str, made at once when all are exact strs, and
   otherwise added left to right at the same points as the interpreter adds them:
   oxy_cat_pair(a, b) after b is evaluated (a marker object while a and b are
   exact strs, else a + b itself), then after each next operand x,
   oxy_cat_next(the operands before x, how many, the previous result, x, is x the
   last operand). */
OXY_API PyObject *oxy_cat_pair(PyObject *a, PyObject *b);
OXY_API PyObject *oxy_cat_next(PyObject *const *parts, int n, PyObject *sum, PyObject *x, int last);
static inline PyObject *oxy_cat_next2(PyObject *a, PyObject *b, PyObject *sum, PyObject *x,
                                      int last) {
    PyObject *parts[2] = {a, b};
    return oxy_cat_next(parts, 2, sum, x, last);
}
static inline PyObject *oxy_cat_next3(PyObject *a, PyObject *b, PyObject *c, PyObject *sum,
                                      PyObject *x, int last) {
    PyObject *parts[3] = {a, b, c};
    return oxy_cat_next(parts, 3, sum, x, last);
}
static inline PyObject *oxy_cat_next4(PyObject *a, PyObject *b, PyObject *c, PyObject *d,
                                      PyObject *sum, PyObject *x, int last) {
    PyObject *parts[4] = {a, b, c, d};
    return oxy_cat_next(parts, 4, sum, x, last);
}
/* format(x, spec) of an int, float or str. Common specs are laid out directly
   ([[fill]align][sign][0][width][.precision] and the types d x X o b of short ints,
   f F e E g G of floats, s of exact strs); any other spec, and a str subclass, go
   to format() itself. */
OXY_API PyObject *oxy_format_int(oxy_int v, PyObject *spec);
OXY_API PyObject *oxy_format_float(double x, PyObject *spec);
OXY_API PyObject *oxy_format_str(PyObject *s, PyObject *spec);
/* The str s padded with spaces to width characters, on the right when left is
   set (what `%-5s` does), else on the left: printf-style `%` of a str. */
OXY_API PyObject *oxy_str_pad(PyObject *s, Py_ssize_t width, int left);

/* What type.__call__ checks of __init__'s result: -1 with TypeError unless None. */
static inline int oxy_init_returned_none(PyObject *r) {
    if (OXY_LIKELY(r == Py_None)) return 0;
    PyErr_Format(PyExc_TypeError, "__init__() should return None, not '%.200s'", Py_TYPE(r)->tp_name);
    return -1;
}

/* Cells of captured variables. `free` selects the message: 0 for a local of the
   running function (UnboundLocalError), 1 for a variable of an enclosing one
   (NameError). `name` is a str. */
OXY_API OXY_COLD PyObject *oxy_cell_unbound(PyObject *name, int free);
static inline void oxy_cell_set(PyObject *cell, PyObject *v) {
    PyObject *old = PyCell_GET(cell);
    Py_INCREF(v);
    PyCell_SET(cell, v);
    Py_XDECREF(old);
}
/* `del x` of a captured variable: -1 with the error set when it is unbound. */
static inline int oxy_cell_del(PyObject *cell, PyObject *name, int free) {
    PyObject *old = PyCell_GET(cell);
    if (old == NULL) {
        oxy_cell_unbound(name, free);
        return -1;
    }
    PyCell_SET(cell, NULL);
    Py_DECREF(old);
    return 0;
}
/* NameError "name 'x' is not defined" (with .name set, like the interpreter). */
OXY_API OXY_COLD void oxy_raise_name_error(PyObject *name);

/* ======================================================================== */
/* Globals and builtins                                                      */
/* ======================================================================== */

/* globals[name], else builtins[name], else NameError.  globals must be a
   dict (the module's __dict__), name a str.  New reference.  "builtins" is
   the `builtins` module's dict (a module that rebinds its own __builtins__
   is not honoured). */
OXY_API PyObject *oxy_load_global(PyObject *globals, PyObject *name);
/* builtins[name] (the `builtins` module), else NameError.  New reference. */
OXY_API PyObject *oxy_load_builtin(PyObject *name);

/* ======================================================================== */
/* Exceptions and tracebacks                                                 */
/* ======================================================================== */

/* Add a traceback entry (filename, line, funcname) for a compiled frame to
   the exception currently set; the pending exception is preserved (if
   building the entry fails, the entry is simply omitted).  globals is the
   module's dict (may be NULL).  Code objects are cached per (funcname,
   filename, line), so repeated errors are cheap.  Does nothing when no
   exception is set.
   Call it once per compiled frame the exception propagates through, on the
   line that raised -- but not after oxy_reraise() or oxy_restore_exc() of a
   caught exception (the interpreter does not add a frame twice there). */
OXY_API OXY_COLD void oxy_add_traceback(PyObject *globals, const char *funcname, const char *filename,
                               int line);

/* Take the pending exception: normalise it, attach the traceback to it
   (__traceback__), clear the error indicator, return the exception instance
   (new reference).  Must be called with an exception set (otherwise returns
   a SystemError instance). */
OXY_API PyObject *oxy_fetch_exc(void);
/* Make exc (an exception instance) the pending exception again, with its
   __traceback__.  Does not steal. */
OXY_API void oxy_restore_exc(PyObject *exc);
/* `except T:` test.  type is a class or a tuple of classes.  1/0, or -1 with
   TypeError "catching classes that do not inherit from BaseException is not
   allowed". */
OXY_API int oxy_exc_matches(PyObject *exc, PyObject *type);
/* The `raise X` / `raise X from Y` statement.  exc is a class or instance;
   cause is NULL (no `from`), Py_None (`from None`) or a class/instance.
   Always returns -1 with the new exception set (or the TypeError explaining
   why X/Y cannot be raised).  The caller then adds its traceback entry. */
OXY_API int oxy_raise(PyObject *exc, PyObject *cause);
/* Bare `raise`: re-raise the exception being handled (sys.exception()),
   or RuntimeError "No active exception to reraise".  Always returns -1. */
OXY_API int oxy_reraise(void);
/* sys.exception(): new reference, Py_None when nothing is being handled. */
OXY_API PyObject *oxy_get_handled_exc(void);
/* Set the exception being handled in the current exception-state slot
   (PyErr_SetHandledException); exc may be NULL or Py_None (= none).  Does
   not steal. */
OXY_API void oxy_set_handled_exc(PyObject *exc);
/* Entry of an `except` block, exactly like the interpreter's PUSH_EXC_INFO:
   make exc the handled exception of the current exception-state slot and
   return the slot's previous value (new reference, Py_None for none).  On
   every exit of the block, oxy_set_handled_exc(saved) then drop saved.
   (Prefer this over oxy_get_handled_exc for saving: sys.exception() may
   come from an outer slot, e.g. a generator's caller.) */
OXY_API PyObject *oxy_swap_handled_exc(PyObject *exc);

/* `try ... except* T as eg` (PEP 654), as CPython 3.11 runs it.  While the
   handlers run, a *star state* (a list) keeps what is still unhandled (item 0:
   the exception the body raised at first, Py_None once all of it matched) and
   what the handlers raised (items 1...).  New reference, NULL on error. */
OXY_API PyObject *oxy_star_begin(PyObject *exc);
/* `except* T`: check T (a class or tuple of classes: TypeError for others, and
   for exception group classes), then split the unhandled part.  Returns the part
   that matches T (new reference) and keeps the rest in the state: a group that
   matches as a whole is returned itself, a naked exception that matches is
   wrapped in ExceptionGroup("", (exc,)), a group is split with its split(T).
   Py_None (new reference) when nothing matches; NULL on error. */
OXY_API PyObject *oxy_star_match(PyObject *state, PyObject *type);
/* A handler raised exc: keep it for the end.  0, or -1 on error. */
OXY_API int oxy_star_raised(PyObject *state, PyObject *exc);
/* After the last handler: the exception to raise (new reference), Py_None when
   there is nothing to raise, NULL on error.  orig is what the body raised.
   A naked orig gives what its one handler raised, or orig when none matched.
   For a group: the handlers' results that carry orig's traceback, cause and
   context (re-raised parts, the unhandled rest) become one projection of orig
   (its leaves that appear in them, the structure of orig kept); the others
   (raised anew) come first, and more than one result makes
   ExceptionGroup("", [...]). */
OXY_API PyObject *oxy_star_result(PyObject *orig, PyObject *state);

/* The `with` statement, as CPython 3.11's BEFORE_WITH / WITH_EXCEPT_START do it.
   The methods are looked up on the type (descriptors bound to mgr), __enter__
   first: TypeError "'T' object does not support the context manager protocol"
   (for __exit__: "... protocol (missed __exit__ method)").  New references. */
OXY_API PyObject *oxy_with_lookup_enter(PyObject *mgr);
OXY_API PyObject *oxy_with_lookup_exit(PyObject *mgr);
/* Leaving the body normally (or by return/break/continue): exit(None, None,
   None), its result dropped.  0, or -1 with the exception set. */
OXY_API int oxy_with_exit_none(PyObject *exit);
/* Leaving the body by exception exc (the handled exception while this runs):
   exit(type(exc), exc, exc.__traceback__).  1 when the result is true (the
   exception is suppressed), 0 when it is not, -1 on error. */
OXY_API int oxy_with_exit_exc(PyObject *exit, PyObject *exc);

/* ======================================================================== */
/* The match statement (PEP 634), as CPython 3.11's MATCH_* opcodes do it     */
/* ======================================================================== */

/* Sequence and mapping patterns test the type's flags (collections.abc registers
   set them; str, bytes and bytearray are not sequences here). */
#define oxy_match_is_sequence(o) ((PyType_GetFlags(Py_TYPE(o)) & Py_TPFLAGS_SEQUENCE) != 0)
#define oxy_match_is_mapping(o) ((PyType_GetFlags(Py_TYPE(o)) & Py_TPFLAGS_MAPPING) != 0)
/* subject[index] for a sequence pattern with a `*_` wildcard; a negative index
   counts from the end of the current len(subject).  New reference or NULL. */
OXY_API PyObject *oxy_match_seq_item(PyObject *subject, Py_ssize_t index);
/* A mapping pattern's keys (a tuple): the tuple of subject.get(key) values, or
   None when a key is missing; ValueError for a key given twice.  New reference
   or NULL. */
OXY_API PyObject *oxy_match_keys(PyObject *subject, PyObject *keys);
/* `**rest`: a new dict with subject's items except those keys. */
OXY_API PyObject *oxy_match_rest(PyObject *subject, PyObject *keys);
/* A class pattern cls(<nargs positional sub-patterns>, kw=...) (kwnames: a tuple
   of str): isinstance(subject, cls), then the attributes (through __match_args__
   for the positional ones; the subject itself for one positional sub-pattern of
   int, str, list, ... ), positional first.  The tuple of attributes, None when
   the subject does not match (or lacks an attribute), NULL with CPython's
   TypeError for a non-class, too many positional sub-patterns, a bad
   __match_args__ or an attribute named twice. */
OXY_API PyObject *oxy_match_class(PyObject *subject, PyObject *cls, Py_ssize_t nargs,
                                  PyObject *kwnames);

/* ======================================================================== */
/* Strings                                                                   */
/* ======================================================================== */

/* s[i]; IndexError "string index out of range".  A long-form i or a str
   subclass goes through PyObject_GetItem (IndexError "cannot fit 'int' into
   an index-sized integer", overridden __getitem__). */
OXY_API PyObject *oxy_str_getitem(PyObject *s, oxy_int i);
/* s[start:stop:step]; each of start/stop/step may be Py_None (or NULL,
   meaning the same).  Fast for an exact str with int/None bounds and no
   step; anything else (any object, any bounds) goes through a slice object
   and PyObject_GetItem, so errors are CPython's. */
OXY_API PyObject *oxy_str_slice(PyObject *s, PyObject *start, PyObject *stop, PyObject *step);
/* ''.join(items[0..n)) for strs (f-strings). */
OXY_API PyObject *oxy_str_join_array(PyObject *const *items, Py_ssize_t n);
/* One f-string field: conversion is 0 (none), 'r', 's' or 'a'; spec is the
   format spec (a str) or NULL. */
OXY_API PyObject *oxy_format(PyObject *value, PyObject *spec, char conversion);

/* ======================================================================== */
/* Lists and tuples                                                          */
/* ======================================================================== */

OXY_API OXY_COLD PyObject *oxy_list_getitem_slow(PyObject *list, oxy_int i);
OXY_API OXY_COLD int oxy_list_setitem_slow(PyObject *list, oxy_int i, PyObject *v);
OXY_API OXY_COLD PyObject *oxy_tuple_getitem_slow(PyObject *t, oxy_int i);

/* A short-int index into a sequence of length n (negative indices wrap): 1 with *k
   set when it is in range; 0 for a long int or an index out of range. */
/* s[i] of a value typed str as a code point (irbuild's char words): -1 with
   IndexError, -1 and no exception for a str subclass or an index that is not short
   (the caller then does s[i] itself). */
static inline Py_ssize_t oxy_str_code_point_at(PyObject *s, oxy_int i) {
    if (OXY_UNLIKELY(!PyUnicode_CheckExact(s) || !OXY_INT_IS_SHORT(i))) return -1;
    Py_ssize_t n = PyUnicode_GET_LENGTH(s), k = (Py_ssize_t)OXY_INT_SHORT_VALUE(i);
    if (k < 0) k += n;
    if (OXY_UNLIKELY((size_t)k >= (size_t)n)) {
        PyErr_SetString(PyExc_IndexError, "string index out of range");
        return -1;
    }
    return (Py_ssize_t)PyUnicode_READ_CHAR(s, k);
}

/* str.isdigit() (kind 0), isalpha (1), isalnum (2), isspace (3), isdecimal (4),
   isnumeric (5), isascii (6) of the 1-character string of code point cp. */
static inline char oxy_code_point_is(Py_ssize_t cp, int kind) {
    Py_UCS4 ch = (Py_UCS4)cp;
    if (ch < 128) {
        switch (kind) {
        case 1: return Py_ISALPHA(ch) != 0;
        case 2: return Py_ISALNUM(ch) != 0;
        case 3: return _Py_ascii_whitespace[ch] != 0;
        case 6: return 1;
        default: return ch >= '0' && ch <= '9';
        }
    }
    switch (kind) {
    case 0: return Py_UNICODE_ISDIGIT(ch) != 0;
    case 1: return Py_UNICODE_ISALPHA(ch) != 0;
    case 2: return Py_UNICODE_ISALNUM(ch) != 0;
    case 3: return Py_UNICODE_ISSPACE(ch) != 0;
    case 4: return Py_UNICODE_ISDECIMAL(ch) != 0;
    case 5: return Py_UNICODE_ISNUMERIC(ch) != 0;
    default: return 0;
    }
}

/* len() and truth of a value typed list, str, tuple or dict: the size of the exact
   type, else what the subclass's __len__ / __bool__ says; -1 with an exception. A
   length is a short int: a __len__ above 2**62 - 1 raises OverflowError
   (docs/differences.md). */
OXY_API OXY_COLD Py_ssize_t oxy_len_subclass(PyObject *o);
static inline Py_ssize_t oxy_len_list(PyObject *o) {
    return OXY_LIKELY(PyList_CheckExact(o)) ? PyList_GET_SIZE(o) : oxy_len_subclass(o);
}
static inline Py_ssize_t oxy_len_str(PyObject *o) {
    return OXY_LIKELY(PyUnicode_CheckExact(o)) ? PyUnicode_GET_LENGTH(o) : oxy_len_subclass(o);
}
static inline Py_ssize_t oxy_len_tuple(PyObject *o) {
    return OXY_LIKELY(PyTuple_CheckExact(o)) ? PyTuple_GET_SIZE(o) : oxy_len_subclass(o);
}
static inline Py_ssize_t oxy_len_dict(PyObject *o) {
    return OXY_LIKELY(PyDict_CheckExact(o)) ? PyDict_GET_SIZE(o) : oxy_len_subclass(o);
}
static inline int oxy_truthy_list(PyObject *o) {
    return OXY_LIKELY(PyList_CheckExact(o)) ? PyList_GET_SIZE(o) != 0 : PyObject_IsTrue(o);
}
static inline int oxy_truthy_str(PyObject *o) {
    return OXY_LIKELY(PyUnicode_CheckExact(o)) ? PyUnicode_GET_LENGTH(o) != 0 : PyObject_IsTrue(o);
}

static inline int oxy_seq_index(oxy_int i, Py_ssize_t n, Py_ssize_t *k) {
    if (OXY_UNLIKELY(!OXY_INT_IS_SHORT(i))) return 0;
    Py_ssize_t j = (Py_ssize_t)OXY_INT_SHORT_VALUE(i);
    if (j < 0) j += n;
    *k = j;
    return OXY_LIKELY((size_t)j < (size_t)n);
}

/* list[i] (negative indices wrap).  IndexError "list index out of range".
   A list subclass goes through its __getitem__. */
static inline PyObject *oxy_list_getitem(PyObject *list, oxy_int i) {
    Py_ssize_t k;
    if (OXY_LIKELY(PyList_CheckExact(list)) && oxy_seq_index(i, PyList_GET_SIZE(list), &k)) {
        PyObject *v = PyList_GET_ITEM(list, k);
        Py_INCREF(v);
        return v;
    }
    return oxy_list_getitem_slow(list, i);
}

/* list[i] = v (does not steal v); 0 or -1 with IndexError "list assignment
   index out of range". */
static inline int oxy_list_setitem(PyObject *list, oxy_int i, PyObject *v) {
    Py_ssize_t k;
    if (OXY_LIKELY(PyList_CheckExact(list)) && oxy_seq_index(i, PyList_GET_SIZE(list), &k)) {
        PyObject *old = PyList_GET_ITEM(list, k);
        Py_INCREF(v);
        PyList_SET_ITEM(list, k, v);
        Py_DECREF(old);
        return 0;
    }
    return oxy_list_setitem_slow(list, i, v);
}

/* list[i] as an int (a list[int] item, type-checked: TypeError "list item must be
   int"), out of line (see the out-of-line int operations). */
OXY_API oxy_int oxy_list_get_int_ool(PyObject *list, oxy_int i);

/* t[i]; IndexError "tuple index out of range". */
static inline PyObject *oxy_tuple_getitem(PyObject *t, oxy_int i) {
    Py_ssize_t k;
    if (OXY_LIKELY(PyTuple_CheckExact(t)) && oxy_seq_index(i, PyTuple_GET_SIZE(t), &k)) {
        PyObject *v = PyTuple_GET_ITEM(t, k);
        Py_INCREF(v);
        return v;
    }
    return oxy_tuple_getitem_slow(t, i);
}

/* ======================================================================== */
/* Misc                                                                      */
/* ======================================================================== */

/* For loop back-edges: run pending signal handlers (Ctrl-C ->
   KeyboardInterrupt).  0, or -1 with the handler's exception set. */
static inline int oxy_check_signals(void) { return PyErr_CheckSignals(); }

/* Called every few thousand iterations of a compiled loop: runs pending signal
   handlers and, now and then, lets other Python threads take the GIL (the
   interpreter's eval loop does the same; without it a long compiled loop would starve
   every other thread).  0, or -1 with an exception set. */
OXY_API OXY_COLD int oxy_loop_tick(void);

/* ---- cached global loads --------------------------------------------------- */

/* One per load site of a module global: while the module dict is unchanged (its
   version tag, CPython < 3.12) the value found last time is still the right one. */
typedef struct {
    uint64_t version;
    PyObject *value; /* borrowed from the dict; valid while the version matches */
    oxy_int ival;    /* for oxy_load_const_int: the value as a short int */
} oxy_global_cache;

OXY_API PyObject *oxy_load_global_slow(PyObject *globals, PyObject *name, oxy_global_cache *c);

/* oxy_load_global, remembering a hit in the module dict. New reference or NULL. */
static inline PyObject *oxy_load_global_cached(PyObject *globals, PyObject *name, oxy_global_cache *c) {
#if PY_VERSION_HEX < 0x030C0000
    if (OXY_LIKELY(c->value != NULL) &&
        OXY_LIKELY(c->version == ((PyDictObject *)globals)->ma_version_tag)) {
        Py_INCREF(c->value);
        return c->value;
    }
#endif
    return oxy_load_global_slow(globals, name, c);
}

/* `m.name` for a module `m` (any other object: getattr): while the module's dict
   is unchanged, the value found there last time.  Dict version tags are unique
   across all dicts (CPython < 3.12), so the tag alone says which dict and which
   state the cached value belongs to.  New reference or NULL. */
OXY_API PyObject *oxy_module_attr_slow(PyObject *m, PyObject *name, oxy_global_cache *c);
static inline PyObject *oxy_module_attr_cached(PyObject *m, PyObject *name, oxy_global_cache *c) {
#if PY_VERSION_HEX < 0x030C0000
    if (OXY_LIKELY(Py_IS_TYPE(m, &PyModule_Type)) && OXY_LIKELY(c->value != NULL) &&
        OXY_LIKELY(c->version == ((PyDictObject *)PyModule_GetDict(m))->ma_version_tag)) {
        Py_INCREF(c->value);
        return c->value;
    }
#endif
    return oxy_module_attr_slow(m, name, c);
}

OXY_API oxy_int oxy_load_const_int_slow(PyObject *globals, PyObject *name, oxy_global_cache *c,
                                        const char *what);

/* A module constant of type int (see docs/differences.md): the global's value as an
   oxy_int (a new reference), TypeError naming `what` if it is not an int.  While the
   module dict is unchanged, a short value comes straight from the cache. */
/* list.pop(i) (i == -1: the last item), list.remove(x), list.insert(i, x) on a value
   typed list, with list's own results and errors.  pop: new reference or NULL; the
   others 0 or -1.  A list subclass gets its own method called (its result, for
   remove and insert, dropped). */
OXY_API PyObject *oxy_list_pop(PyObject *l, oxy_int i);
OXY_API int oxy_list_remove(PyObject *l, PyObject *x);
OXY_API int oxy_list_insert(PyObject *l, oxy_int i, PyObject *x);
/* l.pop() and l.append(x) on a list subclass: its own methods (append's result
   dropped). */
OXY_API OXY_COLD PyObject *oxy_list_pop_method(PyObject *l);
OXY_API OXY_COLD int oxy_list_append_method(PyObject *l, PyObject *x);

/* Lists that compiled code makes (list displays, comprehensions) and frees (its
   last reference, held by a local, released) are kept for reuse: a few list objects
   with their item arrays, untracked, with reference count 0, in a small pool per
   module.  A function that builds a work list per call (`todo = [start]`) then
   costs no allocator or GC-tracking calls: PyList_New and list_dealloc are about
   a hundred instructions each.  A reused list is indistinguishable from a new
   one: its `allocated` is what PyList_New sets (len(list) == allocated), so
   sys.getsizeof and the growth pattern are CPython's; only the item array may
   be larger than that, which list's realloc calls allow.  Needs 3.11's reference
   count field without debug counting, and is built and tested on 3.11 only (as the
   native free lists). */
#if PY_VERSION_HEX >= 0x030B0000 && PY_VERSION_HEX < 0x030C0000 && !defined(Py_REF_DEBUG) && \
    !defined(Py_TRACE_REFS)
#define OXY_HAVE_LIST_POOL 1
#else
#define OXY_HAVE_LIST_POOL 0
#endif
/* Lists kept, and the largest item array kept with one (slots). */
#define OXY_LIST_POOL 32
#define OXY_LIST_POOL_ITEMS 8
OXY_API extern PyObject *oxy_list_pool[OXY_LIST_POOL];
OXY_API extern int oxy_list_npool;
/* A pooled list made live with n NULL items (0 < n <= OXY_LIST_POOL_ITEMS) when its
   item array is too small. */
OXY_API PyObject *oxy_list_from_pool_grow(Py_ssize_t n);
/* Free a list whose reference count reached 0 (any object: other than an exact
   list, or with the pool full, it goes to its type's dealloc). */
OXY_API void oxy_list_free(PyObject *op);
/* PyList_New(n) for compiled code. */
static inline PyObject *oxy_list_new(Py_ssize_t n) {
#if OXY_HAVE_LIST_POOL
    if (n > 0 && n <= OXY_LIST_POOL_ITEMS && OXY_LIKELY(oxy_list_npool > 0)) {
        PyListObject *l = (PyListObject *)oxy_list_pool[oxy_list_npool - 1];
        if (OXY_UNLIKELY(l->allocated < n)) return oxy_list_from_pool_grow(n);
        oxy_list_npool--;
        for (Py_ssize_t i = 0; i < n; i++) l->ob_item[i] = NULL;
        /* (Not only the count: tracemalloc records where the object was made.) */
        _Py_NewReference((PyObject *)l);
        Py_SET_SIZE(l, n);
        l->allocated = n;
        PyObject_GC_Track(l);
        return (PyObject *)l;
    }
#endif
    return PyList_New(n);
}
/* Release a reference to an object that is likely an exact list. */
static inline OXY_TINY void oxy_list_decref(PyObject *o) {
#if OXY_HAVE_LIST_POOL
    if (OXY_UNLIKELY(--o->ob_refcnt == 0)) oxy_list_free(o);
#else
    OXY_DECREF(o);
#endif
}
static inline OXY_TINY void oxy_list_xdecref(PyObject *o) {
    if (o != NULL) oxy_list_decref(o);
}

/* list.pop(): where list's resize would only lower the size (the list keeps at
   least half its allocation), do just that; the list's reference goes to the
   caller, as in list.pop itself. */
static inline PyObject *oxy_list_pop_last(PyObject *l) {
    if (OXY_UNLIKELY(!PyList_CheckExact(l))) return oxy_list_pop_method(l);
    Py_ssize_t n = PyList_GET_SIZE(l);
    if (OXY_LIKELY(n > 0 && n - 1 >= (((PyListObject *)l)->allocated >> 1))) {
        PyObject *v = PyList_GET_ITEM(l, n - 1);
        Py_SET_SIZE(l, n - 1);
        return v;
    }
    return oxy_list_pop(l, (oxy_int)((uintptr_t)(intptr_t)-1 << 1));
}

/* list.append(x) on a value typed list: where the allocation has room, what list's
   own append does (PyList_Append's fast path, without the call). */
static inline int oxy_list_append(PyObject *l, PyObject *x) {
    if (OXY_LIKELY(PyList_CheckExact(l))) {
        Py_ssize_t n = PyList_GET_SIZE(l);
        if (OXY_LIKELY(((PyListObject *)l)->allocated > n)) {
            Py_INCREF(x);
            PyList_SET_ITEM(l, n, x);
            Py_SET_SIZE(l, n + 1);
            return 0;
        }
        return PyList_Append(l, x);
    }
    return oxy_list_append_method(l, x);
}

/* Does globals[name] hold exactly the int v?  (Never leaves an exception set.) */
OXY_API OXY_COLD int oxy_const_is(PyObject *globals, PyObject *name, long long v);

static inline oxy_int oxy_load_const_int(PyObject *globals, PyObject *name, oxy_global_cache *c,
                                         const char *what) {
#if PY_VERSION_HEX < 0x030C0000
    /* (version is 0, which no live dict has, while nothing is cached) */
    if (OXY_LIKELY(c->version == ((PyDictObject *)globals)->ma_version_tag)) return c->ival;
#endif
    return oxy_load_const_int_slow(globals, name, c, what);
}

/* ---- cross-module calls ------------------------------------------------ */

/* A call in one compiled module of a function of another module compiled in the
   same build.  Each extension module links its own copy of this runtime (its own
   `oxyc.function` type), so the callee is recognised through a capsule in its
   type's dict ("__oxyc_xcall__", named OXY_XCALL_CAPSULE) whose `native_of`
   answers, for one of that module's function objects, its native C function if
   its signature hash is `sig` (NULL otherwise).  The caller keeps, per callee, the
   object it last validated (a strong reference: the address cannot be reused) and
   its C function: the test on each call is one pointer compare. */
typedef void (*oxy_native_fn)(void);
typedef struct {
    uint32_t abi; /* 1 */
    oxy_native_fn (*native_of)(PyObject *fn, uint64_t sig);
} oxy_xcall_api;
#define OXY_XCALL_CAPSULE "oxyc.xcall.v1"

typedef struct {
    PyObject *obj;     /* the function object validated last (strong), or NULL */
    oxy_native_fn fn;  /* its C function */
} oxy_xsite;

/* Is `callable` a compiled function whose signature hash is `sig`?  Then remember
   it in `site`: 1; else 0.  Never fails, runs no Python code. */
OXY_API int oxy_xsite_resolve(PyObject *callable, oxy_xsite *site, uint64_t sig);

static inline int oxy_xsite_ready(PyObject *callable, oxy_xsite *site, uint64_t sig) {
    if (OXY_LIKELY(callable == site->obj)) return 1;
    return oxy_xsite_resolve(callable, site, sig);
}

/* ---- cross-module classes ---------------------------------------------- */

/* A native class of one compiled module used by another compiled in the same build:
   the other module reads and writes its instances' fields in a struct it declares
   from the class's interface, and calls its compiled methods through the class's
   method table, but only for an object whose type it recognised as that class.
   The class carries, in its own dict ("__oxyc_xclass__"), a capsule named
   OXY_XCLASS_CAPSULE holding its `oxy_xclass_desc`: the layout hash of its
   interface (fields, base, method signatures), the static of the defining module
   that holds the class (a copy of the capsule in another class's dict is not that
   class), and the method table.  The using module keeps one `oxy_xclass` per such
   class: the type recognised last (a strong reference: its address cannot be
   reused) and its table, so the test on each use is one pointer compare; a type
   found not to be it is remembered (by address only, never dereferenced) so that a
   Python subclass or an interpreted class costs one more compare, not a lookup. */
typedef struct {
    uint32_t abi; /* 1 */
    uint64_t layout;
    PyTypeObject **type;
    const oxy_native_fn *methods;
    PyObject *(*alloc)(void); /* a new instance, fields unset */
} oxy_xclass_desc;
#define OXY_XCLASS_CAPSULE "oxyc.xclass.v1"

typedef struct {
    PyTypeObject *type;           /* the class recognised last (strong), or NULL */
    const oxy_native_fn *methods; /* its method table */
    uint64_t layout;              /* the layout hash this module was compiled against */
    PyTypeObject *miss;           /* a type found not to be it (address only) */
    PyObject *(*alloc)(void);     /* its allocator */
} oxy_xclass;

/* Put `d` in class `t`'s dict (when the defining module creates it). 0 or -1. */
OXY_API int oxy_xclass_install(PyTypeObject *t, const oxy_xclass_desc *d);
/* Is `t` exactly the class `x` stands for?  Then remember it: 1; else 0.  Never
   fails, runs no Python code. */
OXY_API int oxy_xclass_match(oxy_xclass *x, PyTypeObject *t);
/* Is `o` an instance of the class `x` stands for or of a subclass? (Never fails.) */
OXY_API int oxy_xclass_isinstance(oxy_xclass *x, PyObject *o);

/* Is `callable` the class `x` stands for (to construct directly)? */
static inline int oxy_xclass_ready(oxy_xclass *x, PyObject *callable) {
    if (OXY_LIKELY(callable == (PyObject *)x->type)) return 1;
    return PyType_Check(callable) && oxy_xclass_match(x, (PyTypeObject *)callable);
}

static inline int oxy_xclass_is(oxy_xclass *x, PyObject *o) {
    PyTypeObject *t = Py_TYPE(o);
    if (OXY_LIKELY(t == x->type)) return 1;
    if (t == x->miss) return 0;
    return oxy_xclass_match(x, t);
}

/* ---- compiled function objects ---------------------------------------- */

/* A compiled module-level function as Python sees it: callable (vectorcall into the
   METH_FASTCALL|METH_KEYWORDS wrapper), a descriptor that binds like a Python
   function, with writable __doc__/__name__/__qualname__, a __dict__ for arbitrary
   attributes, weak references, and pickling by reference (module + qualname).
   `self_arg` is passed as the wrapper's first argument (the module). New ref or NULL. */
/* What introspection sees of a compiled function (one static per function):
   __code__ (made on first use, describing the parameters), __defaults__,
   __kwdefaults__, __annotations__ (evaluated on first use), __globals__. */
typedef struct {
    const char *filename;           /* the .py path */
    const char *const *varnames;    /* parameters in co_varnames order, NULL-terminated */
    int argcount, posonlyargcount, kwonlyargcount, flags, firstlineno;
    const char *const *annotations; /* name, source, name, source, ..., NULL */
    int future_annotations;         /* `from __future__ import annotations`: keep strings */
    /* A new tuple of the positional defaults (kw = 0) or dict of the keyword-only
       ones (kw = 1), or None; NULL = the function has none at all. */
    PyObject *(*defaults)(PyObject *self_arg, int kw);
    PyObject **globals;             /* the module's dict */
    PyObject *code;                 /* cache */
    /* An early-bound module function that other compiled modules may call
       directly: its native C function and the signature hash they must have been
       compiled against (see "cross-module calls"); NULL and 0 otherwise. */
    void (*xnative)(void);
    uint64_t xsig;
    /* The docstring's length in bytes when it holds a NUL (the method table's
       ml_doc, a C string, is then read up to it); 0 otherwise. */
    Py_ssize_t doc_len;
    /* A method's class statement's static, which its super() and __class__ read:
       its __closure__ shows it as a cell (`cell_contents` reads and writes the
       static), as CPython shows the __class__ cell, which attrs rewrites when it
       remakes a class with slots.  NULL otherwise: __closure__ is None. */
    PyObject **class_cell;
} oxy_codeinfo;

OXY_API PyObject *oxy_function_new(PyMethodDef *def, PyObject *self_arg, PyObject *module_name,
                                   oxy_codeinfo *info);
/* The compiled-function type, created on first use (runtime-internal: class
   statements recognise compiled methods by it). */
OXY_API PyTypeObject *oxy_function_type_get(void);
/* (Helpers for the generated defaults functions: a tuple of n new references,
   a dict of n name/new-reference pairs. NULL items mean an error is set.) */
OXY_API PyObject *oxy_defaults_tuple(int n, ...);
OXY_API PyObject *oxy_defaults_dict(int n, ...);
/* Generators. A compiled generator function's body is a resume function over a
   frame (a module-specific struct whose first member is the int resume state:
   0 not started, k > 0 suspended at yield k, -1 finished). It is called with the
   value sent in (None for next()), or NULL to raise the pending exception at the
   yield (throw, close); it returns the value yielded (state > 0) or, finished, the
   return value or NULL with an exception. The frame lives inside the generator
   object. Each generator function has one `oxy_gen_def` (static, zero `spare`):
   `clear_frame` releases what the frame owns (the arguments, the closure; it is
   idempotent: it runs when the body ends, as the interpreter clears a finished
   frame, and again when the object goes),
   `traverse_frame` visits what it owns while suspended (for the garbage collector:
   generators in reference cycles are collected). `kind` makes a generator, a
   coroutine (awaitable, registered as a collections.abc.Coroutine, so asyncio
   takes it) or an async generator (registered as a collections.abc.AsyncGenerator;
   asend/athrow/aclose awaitables; asyncio's sys.set_asyncgen_hooks are honoured;
   its body yields oxy_agen_wrap(v) for `yield v`, anything else being what an
   `await` passes up). */
typedef PyObject *(*oxy_gen_resume_fn)(void *frame, PyObject *sent, int depth);
typedef int (*oxy_frame_traverse_fn)(void *frame, visitproc visit, void *arg);
enum { OXY_GEN_KIND_GEN = 0, OXY_GEN_KIND_CORO = 1, OXY_GEN_KIND_AGEN = 2 };
typedef struct oxy_gen_def {
    oxy_gen_resume_fn resume;
    void (*clear_frame)(void *);
    oxy_frame_traverse_fn traverse_frame;
    Py_ssize_t frame_size;
    int kind;
    /* Whether a generator not started yet may refer to other containers (through
       object arguments or a closure): only then does the collector track it from
       the start; otherwise from its first suspension on (a coroutine that runs to
       its end in one step is never tracked, like a tuple of ints). */
    int track_unstarted;
    PyObject *spare; /* the runtime's: a finished object kept for reuse */
    PyObject *name, *qualname; /* the runtime's: what its objects show (set by oxy_gen_alloc) */
} oxy_gen_def;
/* A new generator object of `def`'s function (named so), untracked: returns its
   frame (uninitialised: the caller fills every field) and the object in *out, or
   NULL with an exception set. When the def says `track_unstarted`, the caller
   passes the object to oxy_gen_start once the frame is filled (nothing may fail
   in between), which has the collector track it. */
OXY_API void *oxy_gen_alloc(oxy_gen_def *def, PyObject **out, PyObject *name, PyObject *qualname);
OXY_API PyObject *oxy_gen_start(PyObject *g);
/* `await f(...)` of a compiled coroutine made there: its body runs on `frame` (a
   filled, unstarted frame of `def`'s function on the caller's C stack) as the
   first step of the await; *obj (an owned placeholder) becomes the coroutine
   object only if it suspends. Returns what oxy_yield_from_send would. */
OXY_API PyObject *oxy_coro_inline(oxy_gen_def *def, void *frame, PyObject **obj, PyObject *sent,
                                  PyObject *name, PyObject *qualname);
OXY_API PyObject *oxy_agen_wrap(PyObject *v);
/* `yield from o` in a generator: iter(o), refusing a coroutine as the
   interpreter does ("cannot 'yield from' a coroutine object in a non-coroutine
   generator"). */
OXY_API PyObject *oxy_yield_from_iter(PyObject *o);
/* `await o`: the iterator to delegate to (a coroutine itself, else what its
   __await__ returns). `ctx` picks CPython's message when `o` cannot be awaited:
   0 `await`, 1 from `__aenter__`, 2 from `__aexit__`. New reference or NULL. */
OXY_API PyObject *oxy_get_awaitable(PyObject *o, int ctx);
/* `async with`: the bound `__aenter__` / `__aexit__` of the manager's type. */
OXY_API PyObject *oxy_async_with_lookup(PyObject *mgr, int exit);
/* Call a bound `__aexit__` with the exception (type, value, traceback): its result,
   to await. */
OXY_API PyObject *oxy_async_exit_exc(PyObject *exit, PyObject *exc);
/* `async for`: the async iterator of `o` (its __aiter__), and the awaitable of
   the next step (its __anext__). */
OXY_API PyObject *oxy_get_aiter(PyObject *o);
OXY_API PyObject *oxy_get_anext(PyObject *aiter);
/* The pending exception is StopAsyncIteration: clear it, 1; else 0 (still set). */
OXY_API int oxy_async_for_stop(void);
/* `yield from it`: send `sent` (None: next) into the sub-iterator. Returns the value
   to yield, or NULL: finished when no exception is set (the result is then taken
   with oxy_yield_from_result), an error otherwise. */
OXY_API PyObject *oxy_yield_from_send(PyObject *it, PyObject *sent);
/* The exception pending at the yield of a `yield from`, delegated to the
   sub-iterator (its throw(), or close() for GeneratorExit). Same results. */
OXY_API PyObject *oxy_yield_from_throw(PyObject *it);
/* An exception leaving an inlined generator expression: a StopIteration becomes
   RuntimeError (PEP 479), as if it left the generator. Always -1. */
OXY_API int oxy_reraise_pep479(void);
/* The return value of the sub-iterator that just finished (a new reference). */
OXY_API PyObject *oxy_yield_from_result(void);

/* A function object for a nested function or lambda: `closure` (its captured cells,
   then its defaults) is what its wrapper receives as `self`. */
OXY_API PyObject *oxy_closure_new(PyMethodDef *def, PyObject *closure, PyObject *module_name,
                                  PyObject *qualname, oxy_codeinfo *info);

/* ---- class statements ------------------------------------------------- */

/* The first half of `class NAME(*bases, **kw): ...`, as builtins.__build_class__ does
   it: resolves __mro_entries__ (PEP 560), finds the metaclass (kw["metaclass"] or the
   most derived metaclass of the bases), calls its __prepare__ and seeds the namespace
   with __module__ and __qualname__.  `kw` may be NULL or None.  Returns the builder state, a
   tuple whose item OXY_CLASS_NS is the namespace the body fills in order; NULL on
   error. */
#define OXY_CLASS_NS 3
OXY_API PyObject *oxy_class_begin(PyObject *name, PyObject *qualname, PyObject *module_name,
                                  PyObject *bases, PyObject *kw);
/* The second half: calls the metaclass with (name, bases, namespace, **kw), after
   recording __orig_bases__ when __mro_entries__ changed the bases.  New ref or NULL. */
OXY_API PyObject *oxy_class_end(PyObject *builder);
/* A name read in a class body: the namespace first, then globals, then builtins
   (NameError otherwise).  New reference or NULL. */
OXY_API PyObject *oxy_class_load_name(PyObject *ns, PyObject *globals, PyObject *name);
/* `del name` in a class body: 0, or -1 with NameError (as DELETE_NAME raises it). */
OXY_API int oxy_class_del_name(PyObject *ns, PyObject *name);
/* Item OXY_CLASS_NS of a builder (a new reference). */
OXY_API PyObject *oxy_class_namespace(PyObject *builder);

/* ---- native classes ---------------------------------------------------- */

/* A native instance is tracked by the GC only once one of its fields holds an object
   that may be part of a cycle (the rule dicts follow: any GC object except an
   untracked tuple); until then it cannot be in a cycle.  Call after storing v. */
static inline int oxy_gc_is_tracked(PyObject *o) {
#if PY_VERSION_HEX >= 0x030B0000 && PY_VERSION_HEX < 0x030D0000
    /* The GC header (_gc_next, _gc_prev) sits right before the object; tracked
       objects have a non-zero _gc_next (CPython's _PyObject_GC_IS_TRACKED). */
    return ((uintptr_t *)o)[-2] != 0;
#else
    return PyObject_GC_IsTracked(o);
#endif
}
/* Native classes keep freed instances of each class for reuse (exact class only, no
   finalizer), up to this many bytes of them per class: no allocator or GC
   bookkeeping on the hot path of code that makes and drops many instances (a tree
   of 50000 nodes dropped and built again comes back from the list).  Needs the
   3.11 GC header and collector state (below). */
#define OXY_FREELIST_BYTES ((Py_ssize_t)4 << 20)
#if PY_VERSION_HEX >= 0x030B0000 && PY_VERSION_HEX < 0x030C0000
#define OXY_HAVE_FREELIST 1
#else
#define OXY_HAVE_FREELIST 0
#endif
/* Instances freed while the collector runs (cyclic garbage, freed in bulk) skip the
   free lists and go back to the allocator.  Its pools keep objects allocated one
   after another close together in memory; a free list refilled in the order the
   collector freed a large graph would hand the next graph's objects out scattered,
   and every later collection walks them in allocation order, a cache miss each
   (measured on constraints, steady state: about 300 ns per object the full
   collections free, against 139 ns without that).
   Instances dropped by reference counting, the usual case, are pooled.  Points at
   the collector's "collecting" flag (set by oxy_gc_state_init; a dummy 0 before). */
OXY_API extern const int *oxy_gc_collecting;
OXY_API OXY_COLD void oxy_gc_state_init(void);
/* Make a pooled instance live again as a fresh instance of tp (fields still to be
   initialised). */
static inline void oxy_freelist_reuse(PyObject *o, PyTypeObject *tp, int gc) {
#if OXY_HAVE_FREELIST
    /* Untracked since its dealloc; clear the "finalized" flag kept in _gc_prev. */
    if (gc) ((uintptr_t *)o)[-1] = 0;
#else
    (void)gc;
#endif
    Py_SET_TYPE(o, tp);
    Py_INCREF(tp);
    _Py_NewReference(o);
}

static inline void oxy_native_track(PyObject *self, PyObject *v) {
    PyTypeObject *vt = Py_TYPE(v);
    /* (An owner that is already tracked, the usual case, needs nothing.) */
    if (!oxy_gc_is_tracked(self) && PyType_IS_GC(vt) && (vt->tp_is_gc == NULL || vt->tp_is_gc(v)) &&
        (!PyTuple_CheckExact(v) || oxy_gc_is_tracked(v)))
        PyObject_GC_Track(self);
}

/* A store into a str or bytes field: only an instance of a subclass can be part of
   a cycle (through its __dict__), and only an owner whose type is a GC type can be
   tracked (a native class with no other field that holds objects is not one). */
static inline void oxy_native_track_text(PyObject *self, PyObject *v) {
    if (OXY_UNLIKELY(!PyUnicode_CheckExact(v) && !PyBytes_CheckExact(v)) &&
        PyType_IS_GC(Py_TYPE(self)))
        oxy_native_track(self, v);
}

/* Unset float fields of native instances hold one particular signalling NaN
   (arithmetic only ever produces quiet NaNs); storing that exact value stores its
   quiet twin instead.  Unset bool fields hold 2. */
#define OXY_FLOAT_UNSET_BITS 0x7ff40de000000001ULL
static inline int oxy_float_is_unset(double d) {
    uint64_t b;
    memcpy(&b, &d, sizeof b);
    return b == OXY_FLOAT_UNSET_BITS;
}
static inline double oxy_float_unset(void) {
    uint64_t b = OXY_FLOAT_UNSET_BITS;
    double d;
    memcpy(&d, &b, sizeof d);
    return d;
}
static inline double oxy_float_field(double d) {
    if (OXY_UNLIKELY(oxy_float_is_unset(d))) {
        uint64_t b = OXY_FLOAT_UNSET_BITS | 0x0008000000000000ULL;
        memcpy(&d, &b, sizeof d);
    }
    return d;
}
#define OXY_BOOL_UNSET 2

/* A local list of k-tuples of ints that never leaves compiled code (see
   oxyc_irbuild::vec_local): `n` tuples, their items side by side in `items`
   (tuple i is items[i*k .. i*k+k]), each an oxy_int owning its long int. Only
   compiled code ever sees one: it is made, appended to, walked and measured. */
typedef struct {
    PyObject_HEAD
    Py_ssize_t n;
    Py_ssize_t cap;
    Py_ssize_t k;
    oxy_int *items;
} oxy_ivec;
/* An empty one for k-tuples; NULL with MemoryError. */
OXY_API PyObject *oxy_ivec_new(Py_ssize_t k);
/* Room for one more tuple (grows as a list does); 0, or -1 with MemoryError. */
OXY_API OXY_COLD int oxy_ivec_grow(PyObject *v);
/* A list of new tuples of its items, as the list it stands for would hold. */
OXY_API PyObject *oxy_ivec_to_list(PyObject *v);
/* SystemError: a store compiled code never makes (kept for safety). */
OXY_API OXY_COLD PyObject *oxy_ivec_bad_store(void);
static inline Py_ssize_t oxy_ivec_len(PyObject *v) { return ((oxy_ivec *)v)->n; }
/* Item j of tuple i (a new reference for a long int). */
static inline oxy_int oxy_ivec_get(PyObject *v, Py_ssize_t i, Py_ssize_t j) {
    oxy_ivec *o = (oxy_ivec *)v;
    oxy_int x = o->items[i * o->k + j];
    oxy_int_incref(x);
    return x;
}
/* Append the tuple (a, b[, c[, d]]) (the first k of them); 0, or -1 with
   MemoryError. The items are copied (long ints get a reference). */
static inline int oxy_ivec_push(PyObject *v, oxy_int a, oxy_int b, oxy_int c, oxy_int d) {
    oxy_ivec *o = (oxy_ivec *)v;
    if (OXY_UNLIKELY(o->n == o->cap) && oxy_ivec_grow(v) < 0) return -1;
    oxy_int *p = o->items + o->n * o->k;
    Py_ssize_t k = o->k;
    oxy_int_incref(a);
    p[0] = a;
    oxy_int_incref(b);
    p[1] = b;
    if (k > 2) {
        oxy_int_incref(c);
        p[2] = c;
    }
    if (k > 3) {
        oxy_int_incref(d);
        p[3] = d;
    }
    o->n++;
    return 0;
}

/* AttributeError for a field of a native instance that was never set. */
OXY_API OXY_COLD void oxy_raise_unset_attribute(PyObject *obj, const char *name);
/* A read of an unset field of a native instance: a subclass may hide the field with
   a plain class attribute (`code = 901` in a subclass, perhaps of another module or
   interpreted, of a class whose methods read `self.code`), which the interpreter's
   lookup finds, so compiled code finds it too, or an entry of a subclass instance's
   __dict__ (set from outside while the class hides the field). The value, borrowed
   (the class or the dict keeps it); otherwise NULL with the AttributeError of an
   unset attribute. Calls no descriptor. */
OXY_API OXY_COLD PyObject *oxy_class_attr(PyObject *obj, const char *name);
/* `X.__new__(cls)` from compiled code, `callable` being `X.__new__`.  When that is a
   type's own __new__ (object's, or a native class's) and the class that makes cls's
   instances (its first base with a __new__ of its own that is not Python-level, as
   the interpreter finds it) is a native class of the calling module (`is_native`), that class makes the
   instance, its fields unset: `object.__new__(cls)` and `super().__new__(cls)` work
   on native classes and their subclasses, where the interpreter's safety check
   (built for builtin types) refuses them.  Anything else is an ordinary call.  New
   reference or NULL. */
OXY_API OXY_COLD PyObject *oxy_call_new(PyObject *callable, PyObject *cls,
                                        int (*is_native)(PyTypeObject *));
/* What object.__new__ would reject: an abstract class, or arguments when neither
   __new__ nor __init__ is overridden.  0, or -1 with the interpreter's exception. */
OXY_API int oxy_native_new_check(PyTypeObject *type, PyObject *args, PyObject *kwds);
/* Create a native class from its spec and a class-statement builder (see
   oxy_class_begin): the type with the builder's bases, then every namespace entry
   set on it in order, __set_name__ called, and the base's __init_subclass__; *cell
   (the static behind its methods' __class__) holds the type before those run.  New
   reference or NULL.  With hide_fields (a @dataclass), the field descriptors are
   left out of the class dict until oxy_native_fields_restore. */
OXY_API PyObject *oxy_native_class_create(PyObject *module, PyType_Spec *spec, PyObject *builder,
                                          int hide_fields, PyObject **cell);
/* The class a class statement's static `slot` (its methods' __class__) will hold,
   while the statement is making it (oxy_class_end_cell) and type() has filled the
   class cell: borrowed. Else NULL (a method used super() or __class__ before its class
   existed) with the interpreter's error: for `__class__` itself (as_name), NameError
   "cannot access free variable '__class__' ...", for super() RuntimeError "super():
   empty __class__ cell". */
OXY_API OXY_COLD PyObject *oxy_class_cell_pending(PyObject **slot, int as_name);
/* What a class statement's static holds, or while the statement is making the class,
   its class cell's contents: borrowed, or NULL (no exception) when neither is set. */
OXY_API OXY_COLD PyObject *oxy_class_cell_peek(PyObject **slot);
/* oxy_class_end for a class whose methods use __class__: the namespace gets a
   __classcell__ for type() to fill before __set_name__ and __init_subclass__ run
   (read through oxy_class_cell_pending until `slot` is stored), and the metaclass
   must pass it on, as the interpreter checks. */
OXY_API PyObject *oxy_class_end_cell(PyObject *builder, PyObject **slot);
/* After the class decorators ran: the decorated object must be the class itself;
   put its field descriptors back.  0, or -1 with TypeError. */
OXY_API int oxy_native_fields_restore(PyObject *decorated, PyObject *cls);
/* Methods every root native class has: __getstate__. */
extern OXY_API PyMethodDef oxy_native_methods[];
/* The instance __dict__ of native classes without __slots__ (see oxyc_rt.c). */
OXY_API OXY_COLD PyObject *oxy_native_dict_get(PyObject *self, void *closure);
OXY_API OXY_COLD int oxy_native_dict_set(PyObject *self, PyObject *value, void *closure);
OXY_API OXY_COLD PyObject *oxy_dict_field(PyObject *self, const char *name);
OXY_API OXY_COLD int oxy_dict_field_del(PyObject *self, const char *name);
OXY_API OXY_COLD int oxy_field_adopt(PyObject *obj, const char *name);
/* The doc of native classes' __dict__ entry (see native_fields_in_dict). */
#define OXY_DICT_DOC "dictionary for instance variables (with copies of the fields)"

#ifdef __cplusplus
}
#endif
#endif /* OXYC_RT_H */
