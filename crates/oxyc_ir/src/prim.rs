//! Primitive operations: calls into the C runtime or the CPython C API.
//!
//! Each primitive has a C template (`$0`, `$1`, ... are the operands), operand and result
//! representations, and the way it signals an error. Adding a primitive is one line here;
//! the C emitter needs no change.

use crate::RType;
use RType::{Bool, CInt, Float, Int, Obj, Ssize};

/// How a primitive reports failure (a Python exception is then set).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrKind {
    // Cannot fail.
    Never,
    // Returns NULL.
    Null,
    // Returns NULL; an error only if an exception is set (NULL alone means "exhausted").
    NullOccurred,
    // Returns a negative C int.
    Neg,
    // Returns -1 and an exception is set.
    NegOccurred,
    // Returns `OXY_INT_ERR`.
    IntErr,
    // Returns `OXY_FLOAT_ERR` and an exception is set.
    FloatErr,
    // Always raises.
    Always,
}

#[derive(Debug, Clone, Copy)]
pub struct PrimDesc {
    pub name: &'static str,
    pub template: &'static str,
    pub args: &'static [RType],
    pub ret: Option<RType>,
    pub err: ErrKind,
    /// Per operand: does the primitive take over the reference?
    pub steals: &'static [bool],
    /// An inline fast path, for primitives that can only fail on their slow path:
    /// a condition that, when true, has stored the result in `$d`; otherwise the `slow`
    /// template runs and only then is the error checked. Keeps error checks out of hot
    /// code. (For a comparison, which cannot fail, it is used only to keep the releases
    /// of its operands out of the fast path: see codegen's `slow_path_releases`.)
    pub fast: Option<(&'static str, &'static str)>,
    /// An out-of-line form (a plain runtime call) computing the same result for every
    /// operand, with the same error convention: used where code size matters more than
    /// speed (code that only runs with long ints, see `oxyc_codegen::func`).
    pub compact: Option<&'static str>,
}

macro_rules! prims {
    ($( $variant:ident = $name:literal, $tmpl:literal, [$($arg:ident),*] -> $ret:tt, $err:ident $(, steals $steals:expr)? $(, fast $fcond:literal, slow $slow:literal)? $(, compact $compact:literal)? ;)*) => {
        /// A primitive operation (see the table in `prim.rs`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Prim { $($variant,)* }

        impl Prim {
            pub fn desc(self) -> PrimDesc {
                match self {
                    $(Prim::$variant => PrimDesc {
                        name: $name,
                        template: $tmpl,
                        args: &[$($arg),*],
                        ret: prims!(@ret $ret),
                        err: ErrKind::$err,
                        steals: prims!(@steals $($steals)?),
                        fast: prims!(@fast $($fcond, $slow)?),
                        compact: prims!(@compact $($compact)?),
                    },)*
                }
            }
        }
    };
    (@ret void) => { None };
    (@ret $t:ident) => { Some($t) };
    (@fast) => { None };
    (@fast $c:literal, $s:literal) => { Some(($c, $s)) };
    (@compact) => { None };
    (@compact $c:literal) => { Some($c) };
    (@steals) => { &[] };
    (@steals $s:expr) => { $s };
}

prims! {
    // ---- tagged ints ----
    IntAdd = "int_add", "oxy_int_add($0, $1)", [Int, Int] -> Int, IntErr,
        fast "((($0 | $1) & 1) == 0 && !__builtin_add_overflow($0, $1, &$d))", slow "oxy_int_add_slow($0, $1)", compact "oxy_int_add_ool($0, $1)";
    IntSub = "int_sub", "oxy_int_sub($0, $1)", [Int, Int] -> Int, IntErr,
        fast "((($0 | $1) & 1) == 0 && !__builtin_sub_overflow($0, $1, &$d))", slow "oxy_int_sub_slow($0, $1)", compact "oxy_int_sub_ool($0, $1)";
    IntMul = "int_mul", "oxy_int_mul($0, $1)", [Int, Int] -> Int, IntErr,
        fast "((($0 | $1) & 1) == 0 && !__builtin_mul_overflow($0, ($1 >> 1), &$d))", slow "oxy_int_mul_slow($0, $1)", compact "oxy_int_mul_ool($0, $1)";
    IntFloorDiv = "int_floordiv", "oxy_int_floordiv($0, $1)", [Int, Int] -> Int, IntErr,
        fast "oxyc_floordiv_fast($0, $1, &$d)", slow "oxy_int_floordiv_slow($0, $1)", compact "oxy_int_floordiv_ool($0, $1)";
    IntMod = "int_mod", "oxy_int_mod($0, $1)", [Int, Int] -> Int, IntErr,
        fast "oxyc_mod_fast($0, $1, &$d)", slow "oxy_int_mod_slow($0, $1)", compact "oxy_int_mod_ool($0, $1)";
    IntPow = "int_pow", "oxy_int_pow($0, $1)", [Int, Int] -> Int, IntErr;
    IntLShift = "int_lshift", "oxy_int_lshift($0, $1)", [Int, Int] -> Int, IntErr, compact "oxy_int_lshift_ool($0, $1)";
    IntRShift = "int_rshift", "oxy_int_rshift($0, $1)", [Int, Int] -> Int, IntErr, compact "oxy_int_rshift_ool($0, $1)";
    IntAnd = "int_and", "oxy_int_and($0, $1)", [Int, Int] -> Int, IntErr,
        fast "((($0 | $1) & 1) == 0 && (($d = $0 & $1), 1))", slow "oxy_int_and_slow($0, $1)", compact "oxy_int_and_ool($0, $1)";
    IntOr = "int_or", "oxy_int_or($0, $1)", [Int, Int] -> Int, IntErr,
        fast "((($0 | $1) & 1) == 0 && (($d = $0 | $1), 1))", slow "oxy_int_or_slow($0, $1)", compact "oxy_int_or_ool($0, $1)";
    IntXor = "int_xor", "oxy_int_xor($0, $1)", [Int, Int] -> Int, IntErr,
        fast "((($0 | $1) & 1) == 0 && (($d = $0 ^ $1), 1))", slow "oxy_int_xor_slow($0, $1)", compact "oxy_int_xor_ool($0, $1)";
    IntNeg = "int_neg", "oxy_int_neg($0)", [Int] -> Int, IntErr;
    IntInvert = "int_invert", "oxy_int_invert($0)", [Int] -> Int, IntErr;
    IntAbs = "int_abs", "oxy_int_abs($0)", [Int] -> Int, IntErr;
    IntEq = "int_eq", "oxy_int_eq($0, $1)", [Int, Int] -> Bool, Never,
        fast "((($0 | $1) & 1) == 0 && (($d = ($0 == $1)), 1))", slow "oxy_int_eq($0, $1)", compact "(oxy_int_cmp_ool($0, $1) == 0)";
    IntNe = "int_ne", "oxy_int_ne($0, $1)", [Int, Int] -> Bool, Never,
        fast "((($0 | $1) & 1) == 0 && (($d = ($0 != $1)), 1))", slow "oxy_int_ne($0, $1)", compact "(oxy_int_cmp_ool($0, $1) != 0)";
    IntLt = "int_lt", "oxy_int_lt($0, $1)", [Int, Int] -> Bool, Never,
        fast "((($0 | $1) & 1) == 0 && (($d = ($0 < $1)), 1))", slow "(oxy_int_compare_slow($0, $1) < 0)", compact "(oxy_int_cmp_ool($0, $1) < 0)";
    IntLe = "int_le", "oxy_int_le($0, $1)", [Int, Int] -> Bool, Never,
        fast "((($0 | $1) & 1) == 0 && (($d = ($0 <= $1)), 1))", slow "(oxy_int_compare_slow($0, $1) <= 0)", compact "(oxy_int_cmp_ool($0, $1) <= 0)";
    IntGt = "int_gt", "oxy_int_gt($0, $1)", [Int, Int] -> Bool, Never,
        fast "((($0 | $1) & 1) == 0 && (($d = ($0 > $1)), 1))", slow "(oxy_int_compare_slow($0, $1) > 0)", compact "(oxy_int_cmp_ool($0, $1) > 0)";
    IntGe = "int_ge", "oxy_int_ge($0, $1)", [Int, Int] -> Bool, Never,
        fast "((($0 | $1) & 1) == 0 && (($d = ($0 >= $1)), 1))", slow "(oxy_int_compare_slow($0, $1) >= 0)", compact "(oxy_int_cmp_ool($0, $1) >= 0)";
    IntTrueDiv = "int_truediv", "oxy_int_truediv($0, $1)", [Int, Int] -> Float, FloatErr;
    IntToFloat = "int_to_float", "oxy_int_to_double($0)", [Int] -> Float, FloatErr,
        fast "(($0 & 1) == 0 && (($d = (double)($0 >> 1)), 1))", slow "oxy_int_to_double_slow($0)";
    IntFromFloat = "int_from_float", "oxy_int_from_double($0)", [Float] -> Int, IntErr;
    FloatRound = "float_round", "oxy_float_round($0)", [Float] -> Int, IntErr;
    FloatRoundTo = "float_round_to", "oxy_float_round_to($0, $1)", [Float, Int] -> Float, FloatErr;
    IntBitLength = "int_bit_length", "oxy_int_bit_length($0)", [Int] -> Int, IntErr;
    IntIsTrue = "int_is_true", "($0 != 0)", [Int] -> Bool, Never;
    IntBox = "box_int", "oxy_int_box($0)", [Int] -> Obj, Null;
    IntDivmod = "int_divmod", "oxy_int_divmod($0, $1)", [Int, Int] -> Obj, Null;
    IntAsSsize = "int_as_ssize", "oxy_int_as_ssize($0)", [Int] -> Ssize, NegOccurred;
    BoolToInt = "bool_to_int", "((oxy_int)$0 << 1)", [Bool] -> Int, Never;
    BoolToFloat = "bool_to_float", "((double)$0)", [Bool] -> Float, Never;
    BoolBox = "box_bool", "oxy_bool_box($0)", [Bool] -> Obj, Never;
    BoolNot = "bool_not", "(!$0)", [Bool] -> Bool, Never;
    BoolEq = "bool_eq", "($0 == $1)", [Bool, Bool] -> Bool, Never;
    BoolAnd = "bool_and", "($0 & $1)", [Bool, Bool] -> Bool, Never;
    BoolOr = "bool_or", "($0 | $1)", [Bool, Bool] -> Bool, Never;
    BoolXor = "bool_xor", "($0 ^ $1)", [Bool, Bool] -> Bool, Never;
    AssertsEnabled = "asserts_enabled", "(Py_OptimizeFlag == 0)", [] -> Bool, Never;
    Globals = "globals", "oxyc_newref(oxy_globals)", [] -> Obj, Never;
    SsizeLt = "ssize_lt", "($0 < $1)", [Ssize, Ssize] -> Bool, Never;
    SsizeGt = "ssize_gt", "($0 > $1)", [Ssize, Ssize] -> Bool, Never;
    IntAllShort3 = "int_all_short", "(((($0) | ($1) | ($2)) & 1) == 0)", [Int, Int, Int] -> Bool, Never;
    IntShortToSsize = "int_short_to_ssize", "((Py_ssize_t)($0 >> 1))", [Int] -> Ssize, Never;
    // The stop of a `range()` loop with a short start and step, as its C counter's bound
    // (a long stop is clamped just outside the short range), and the checks when such a
    // loop ran out (up / down): raise OverflowError if it ran out at a clamped bound.
    IntRangeBound = "int_range_bound", "oxyc_range_bound($0)", [Int] -> Ssize, Never;
    RangeRanOutAbove = "range_ran_out_above", "oxyc_range_ran_out($0 == OXYC_RANGE_ABOVE)", [Ssize] -> CInt, Neg;
    RangeRanOutBelow = "range_ran_out_below", "oxyc_range_ran_out($0 == OXYC_RANGE_BELOW)", [Ssize] -> CInt, Neg;
    SsizeSub = "ssize_sub", "($0 - $1)", [Ssize, Ssize] -> Ssize, Never;
    SsizeAdd = "ssize_add", "($0 + $1)", [Ssize, Ssize] -> Ssize, Never;
    CIntToBool = "c_int_to_bool", "($0 != 0)", [CInt] -> Bool, Never;
    SsizeToInt = "ssize_to_int", "((oxy_int)$0 << 1)", [Ssize] -> Int, Never;
    // Any Py_ssize_t (a long int past 2**62), e.g. len() of an arbitrary object.
    SsizeToIntChecked = "ssize_to_int_checked", "oxy_int_from_ssize($0)", [Ssize] -> Int, IntErr;
    SsizeIsTrue = "ssize_is_true", "($0 != 0)", [Ssize] -> Bool, Never;
    // ---- floats ----
    FloatAdd = "float_add", "($0 + $1)", [Float, Float] -> Float, Never;
    FloatSub = "float_sub", "($0 - $1)", [Float, Float] -> Float, Never;
    FloatMul = "float_mul", "($0 * $1)", [Float, Float] -> Float, Never;
    FloatDiv = "float_div", "oxy_float_div($0, $1)", [Float, Float] -> Float, FloatErr,
        fast "($1 != 0.0 && (($d = $0 / $1), 1))", slow "oxy_float_div_slow($0, $1)";
    FloatFloorDiv = "float_floordiv", "oxy_float_floordiv($0, $1)", [Float, Float] -> Float, FloatErr;
    FloatMod = "float_mod", "oxy_float_mod($0, $1)", [Float, Float] -> Float, FloatErr;
    FloatPow = "float_pow", "oxy_float_pow($0, $1)", [Float, Float] -> Float, FloatErr;
    FloatNeg = "float_neg", "(-$0)", [Float] -> Float, Never;
    FloatAbs = "float_abs", "fabs($0)", [Float] -> Float, Never;
    FloatEq = "float_eq", "($0 == $1)", [Float, Float] -> Bool, Never;
    FloatNe = "float_ne", "($0 != $1)", [Float, Float] -> Bool, Never;
    FloatLt = "float_lt", "($0 < $1)", [Float, Float] -> Bool, Never;
    FloatLe = "float_le", "($0 <= $1)", [Float, Float] -> Bool, Never;
    FloatGt = "float_gt", "($0 > $1)", [Float, Float] -> Bool, Never;
    FloatGe = "float_ge", "($0 >= $1)", [Float, Float] -> Bool, Never;
    FloatIsTrue = "float_is_true", "($0 != 0.0)", [Float] -> Bool, Never;
    FloatBox = "box_float", "oxy_float_box($0)", [Float] -> Obj, Null;
    FloatDivmod = "float_divmod", "oxy_float_divmod($0, $1)", [Float, Float] -> Obj, Null;
    // ---- generic objects ----
    ObjAdd = "py_add", "oxy_obj_add($0, $1)", [Obj, Obj] -> Obj, Null;
    ObjSub = "py_sub", "oxy_obj_sub($0, $1)", [Obj, Obj] -> Obj, Null;
    ObjMul = "py_mul", "oxy_obj_mul($0, $1)", [Obj, Obj] -> Obj, Null;
    ObjMatMul = "py_matmul", "PyNumber_MatrixMultiply($0, $1)", [Obj, Obj] -> Obj, Null;
    ObjTrueDiv = "py_truediv", "PyNumber_TrueDivide($0, $1)", [Obj, Obj] -> Obj, Null;
    ObjFloorDiv = "py_floordiv", "PyNumber_FloorDivide($0, $1)", [Obj, Obj] -> Obj, Null;
    ObjMod = "py_mod", "PyNumber_Remainder($0, $1)", [Obj, Obj] -> Obj, Null;
    ObjPow = "py_pow", "PyNumber_Power($0, $1, Py_None)", [Obj, Obj] -> Obj, Null;
    ObjLShift = "py_lshift", "PyNumber_Lshift($0, $1)", [Obj, Obj] -> Obj, Null;
    ObjRShift = "py_rshift", "PyNumber_Rshift($0, $1)", [Obj, Obj] -> Obj, Null;
    ObjAnd = "py_and", "oxy_obj_and($0, $1)", [Obj, Obj] -> Obj, Null;
    ObjOr = "py_or", "oxy_obj_or($0, $1)", [Obj, Obj] -> Obj, Null;
    ObjXor = "py_xor", "oxy_obj_xor($0, $1)", [Obj, Obj] -> Obj, Null;
    ObjIAdd = "py_iadd", "oxy_obj_iadd($0, $1)", [Obj, Obj] -> Obj, Null;
    ObjISub = "py_isub", "oxy_obj_isub($0, $1)", [Obj, Obj] -> Obj, Null;
    ObjIMul = "py_imul", "oxy_obj_imul($0, $1)", [Obj, Obj] -> Obj, Null;
    ObjIMatMul = "py_imatmul", "PyNumber_InPlaceMatrixMultiply($0, $1)", [Obj, Obj] -> Obj, Null;
    ObjITrueDiv = "py_itruediv", "PyNumber_InPlaceTrueDivide($0, $1)", [Obj, Obj] -> Obj, Null;
    ObjIFloorDiv = "py_ifloordiv", "PyNumber_InPlaceFloorDivide($0, $1)", [Obj, Obj] -> Obj, Null;
    ObjIMod = "py_imod", "PyNumber_InPlaceRemainder($0, $1)", [Obj, Obj] -> Obj, Null;
    ObjIPow = "py_ipow", "PyNumber_InPlacePower($0, $1, Py_None)", [Obj, Obj] -> Obj, Null;
    ObjILShift = "py_ilshift", "PyNumber_InPlaceLshift($0, $1)", [Obj, Obj] -> Obj, Null;
    ObjIRShift = "py_irshift", "PyNumber_InPlaceRshift($0, $1)", [Obj, Obj] -> Obj, Null;
    ObjIAnd = "py_iand", "oxy_obj_iand($0, $1)", [Obj, Obj] -> Obj, Null;
    ObjIOr = "py_ior", "oxy_obj_ior($0, $1)", [Obj, Obj] -> Obj, Null;
    ObjIXor = "py_ixor", "oxy_obj_ixor($0, $1)", [Obj, Obj] -> Obj, Null;
    ObjNeg = "py_neg", "PyNumber_Negative($0)", [Obj] -> Obj, Null;
    ObjPos = "py_pos", "PyNumber_Positive($0)", [Obj] -> Obj, Null;
    ObjInvert = "py_invert", "PyNumber_Invert($0)", [Obj] -> Obj, Null;
    ObjAbs = "py_abs", "PyNumber_Absolute($0)", [Obj] -> Obj, Null;
    ObjIsTrue = "py_is_true", "PyObject_IsTrue($0)", [Obj] -> CInt, Neg;
    ObjEq = "py_eq", "PyObject_RichCompare($0, $1, Py_EQ)", [Obj, Obj] -> Obj, Null;
    ObjNe = "py_ne", "PyObject_RichCompare($0, $1, Py_NE)", [Obj, Obj] -> Obj, Null;
    ObjLt = "py_lt", "PyObject_RichCompare($0, $1, Py_LT)", [Obj, Obj] -> Obj, Null;
    ObjLe = "py_le", "PyObject_RichCompare($0, $1, Py_LE)", [Obj, Obj] -> Obj, Null;
    ObjGt = "py_gt", "PyObject_RichCompare($0, $1, Py_GT)", [Obj, Obj] -> Obj, Null;
    ObjGe = "py_ge", "PyObject_RichCompare($0, $1, Py_GE)", [Obj, Obj] -> Obj, Null;
    // `$0 in $1`
    ObjContains = "py_contains", "PySequence_Contains($1, $0)", [Obj, Obj] -> CInt, Neg;
    ObjIs = "py_is", "($0 == $1)", [Obj, Obj] -> Bool, Never;
    ObjIsNone = "py_is_none", "($0 == Py_None)", [Obj] -> Bool, Never;
    IsNull = "is_null", "($0 == NULL)", [Obj] -> Bool, Never;
    ObjGetAttr = "py_getattr", "PyObject_GetAttr($0, $1)", [Obj, Obj] -> Obj, Null;
    // `X.__new__(cls)`: native classes make their own instances (see the runtime).
    CallNew = "call_new", "oxy_call_new($0, $1, oxy_module_native_type)", [Obj, Obj] -> Obj, Null;
    ObjSetAttr = "py_setattr", "PyObject_SetAttr($0, $1, $2)", [Obj, Obj, Obj] -> void, Neg;
    ObjDelAttr = "py_delattr", "PyObject_SetAttr($0, $1, NULL)", [Obj, Obj] -> void, Neg;
    ObjGetItem = "py_getitem", "PyObject_GetItem($0, $1)", [Obj, Obj] -> Obj, Null;
    // ---- class statements (see runtime `oxy_class_begin`) ----
    // (name, qualname, module name, bases tuple, keywords dict or None) -> builder
    ClassBegin = "class_begin", "oxy_class_begin($0, $1, $2, $3, $4)", [Obj, Obj, Obj, Obj, Obj] -> Obj, Null;
    ClassNamespace = "class_namespace", "oxy_class_namespace($0)", [Obj] -> Obj, Never;
    ClassEnd = "class_end", "oxy_class_end($0)", [Obj] -> Obj, Null;
    // After `@dataclass` ran on a native class: (decorated, class) -> put the field
    // descriptors back (TypeError if the decorator returned another object).
    NativeFieldsRestore = "native_fields_restore", "oxy_native_fields_restore($0, $1)", [Obj, Obj] -> void, Neg;
    // A name read in a class body: namespace, globals, builtins.
    ClassLoadName = "class_load_name", "oxy_class_load_name($0, oxy_globals, $1)", [Obj, Obj] -> Obj, Null;
    // A nested class statement run by the interpreter in a class namespace:
    // (snippet index, namespace, the nested class's name).
    ExecInClass = "exec_in_class", "oxy_exec_snippet_in_class($0, $1, $2)", [Ssize, Obj, Obj] -> void, Neg;
    // ---- isinstance(x, T) for builtin classes ($1: the class the name holds) ----
    IsInstanceInt = "isinstance_int", "oxy_isinstance_fast($0, $1, PyLong_Check($0), &PyLong_Type)", [Obj, Obj] -> CInt, Neg;
    IsInstanceBool = "isinstance_bool", "oxy_isinstance_fast($0, $1, PyBool_Check($0), &PyBool_Type)", [Obj, Obj] -> CInt, Neg;
    IsInstanceFloat = "isinstance_float", "oxy_isinstance_fast($0, $1, PyFloat_Check($0), &PyFloat_Type)", [Obj, Obj] -> CInt, Neg;
    IsInstanceStr = "isinstance_str", "oxy_isinstance_fast($0, $1, PyUnicode_Check($0), &PyUnicode_Type)", [Obj, Obj] -> CInt, Neg;
    IsInstanceBytes = "isinstance_bytes", "oxy_isinstance_fast($0, $1, PyBytes_Check($0), &PyBytes_Type)", [Obj, Obj] -> CInt, Neg;
    IsInstanceList = "isinstance_list", "oxy_isinstance_fast($0, $1, PyList_Check($0), &PyList_Type)", [Obj, Obj] -> CInt, Neg;
    IsInstanceTuple = "isinstance_tuple", "oxy_isinstance_fast($0, $1, PyTuple_Check($0), &PyTuple_Type)", [Obj, Obj] -> CInt, Neg;
    IsInstanceDict = "isinstance_dict", "oxy_isinstance_fast($0, $1, PyDict_Check($0), &PyDict_Type)", [Obj, Obj] -> CInt, Neg;
    IsInstanceSet = "isinstance_set", "oxy_isinstance_fast($0, $1, PySet_Check($0), &PySet_Type)", [Obj, Obj] -> CInt, Neg;
    // ---- generators: `yield from` (runtime/oxyc_rt.c) ----
    YieldFromSend = "yield_from_send", "oxy_yield_from_send($0, $1)", [Obj, Obj] -> Obj, NullOccurred;
    YieldFromThrow = "yield_from_throw", "oxy_yield_from_throw($0)", [Obj] -> Obj, NullOccurred;
    ReraisePep479 = "reraise_pep479", "oxy_reraise_pep479()", [] -> void, Always;
    YieldFromIter = "yield_from_iter", "oxy_yield_from_iter($0)", [Obj] -> Obj, Null;
    AgenWrap = "agen_wrap", "oxy_agen_wrap($0)", [Obj] -> Obj, Null;
    GetAwaitable = "get_awaitable", "oxy_get_awaitable($0, 0)", [Obj] -> Obj, Null;
    GetAwaitableAenter = "get_awaitable_aenter", "oxy_get_awaitable($0, 1)", [Obj] -> Obj, Null;
    GetAwaitableAexit = "get_awaitable_aexit", "oxy_get_awaitable($0, 2)", [Obj] -> Obj, Null;
    AsyncWithLookupEnter = "async_with_lookup_enter", "oxy_async_with_lookup($0, 0)", [Obj] -> Obj, Null;
    AsyncWithLookupExit = "async_with_lookup_exit", "oxy_async_with_lookup($0, 1)", [Obj] -> Obj, Null;
    AsyncExitExc = "async_exit_exc", "oxy_async_exit_exc($0, $1)", [Obj, Obj] -> Obj, Null;
    GetAiter = "get_aiter", "oxy_get_aiter($0)", [Obj] -> Obj, Null;
    GetAnext = "get_anext", "oxy_get_anext($0)", [Obj] -> Obj, Null;
    AsyncForStop = "async_for_stop", "oxy_async_for_stop()", [] -> CInt, Never;
    YieldFromResult = "yield_from_result", "oxy_yield_from_result()", [] -> Obj, Never;
    // ---- bytes and bytearray ----
    BytesGetItem = "bytes_getitem", "oxy_bytes_getitem($0, $1)", [Obj, Int] -> Int, IntErr;
    ByteArrayGetItem = "bytearray_getitem", "oxy_bytearray_getitem($0, $1)", [Obj, Int] -> Int, IntErr;
    // ---- exact sequences walked by index (zip loops) ----
    TupleCheckExact = "tuple_check_exact", "(PyTuple_CheckExact($0) != 0)", [Obj] -> Bool, Never;
    StrCheckExact = "str_check_exact", "(PyUnicode_CheckExact($0) != 0)", [Obj] -> Bool, Never;
    BytesCheckExact = "bytes_check_exact", "(PyBytes_CheckExact($0) != 0)", [Obj] -> Bool, Never;
    ByteArrayCheckExact = "bytearray_check_exact", "(PyByteArray_CheckExact($0) != 0)", [Obj] -> Bool, Never;
    BytesLen = "bytes_len", "PyBytes_GET_SIZE($0)", [Obj] -> Ssize, Never;
    ByteArrayLen = "bytearray_len", "PyByteArray_GET_SIZE($0)", [Obj] -> Ssize, Never;
    TupleItemUnchecked = "tuple_item", "oxyc_newref(PyTuple_GET_ITEM($0, $1))", [Obj, Ssize] -> Obj, Never;
    StrItemUnchecked = "str_item", "PyUnicode_FromOrdinal(PyUnicode_READ_CHAR($0, $1))", [Obj, Ssize] -> Obj, Null;
    // The byte at index $1 (in range) of exact bytes / a bytearray, as a short int.
    BytesItemInt = "bytes_item_int", "((oxy_int)(unsigned char)PyBytes_AS_STRING($0)[$1] << 1)", [Obj, Ssize] -> Int, Never;
    ByteArrayItemInt = "bytearray_item_int", "((oxy_int)(unsigned char)PyByteArray_AS_STRING($0)[$1] << 1)", [Obj, Ssize] -> Int, Never;
    BytesItemUnchecked = "bytes_item", "PyLong_FromLong((unsigned char)PyBytes_AS_STRING($0)[$1])", [Obj, Ssize] -> Obj, Null;
    ByteArrayItemUnchecked = "bytearray_item", "PyLong_FromLong((unsigned char)PyByteArray_AS_STRING($0)[$1])", [Obj, Ssize] -> Obj, Null;
    InitReturnedNone = "init_returned_none", "oxy_init_returned_none($0)", [Obj] -> void, Neg;
    // Keeps an object alive to here (a loop's iterator until the loop is left).
    KeepAlive = "keep_alive", "((void)$0)", [Obj] -> void, Never;
    SeqTuple = "seq_tuple", "oxyc_tuple_untrack_atomic(PySequence_Tuple($0))", [Obj] -> Obj, Null;
    // tuple(list[lo:hi]) (same operands as ListSlice), without the intermediate list.
    ListSliceTuple = "list_slice_tuple", "oxyc_tuple_untrack_atomic(oxy_list_slice_tuple($0, $1, $2, $3))", [Obj, Int, Int, CInt] -> Obj, Null;
    ListSlice = "list_slice", "oxy_list_slice($0, $1, $2, $3)", [Obj, Int, Int, CInt] -> Obj, Null;
    // ---- wrapping 64-bit arithmetic for masked int expressions (irbuild/wrap64.rs) ----
    IntLow64 = "int_low64", "oxy_int_low64($0)", [Int] -> Ssize, Never;
    IntFromU64 = "int_from_u64", "oxy_int_from_u64((uint64_t)$0)", [Ssize] -> Int, IntErr,
        fast "((uint64_t)$0 <= (uint64_t)OXY_INT_SHORT_MAX && (($d = OXY_INT_FROM_SHORT($0)), 1))", slow "oxy_int_from_u64((uint64_t)$0)";
    W64Add = "w64_add", "(Py_ssize_t)((uint64_t)$0 + (uint64_t)$1)", [Ssize, Ssize] -> Ssize, Never;
    W64Sub = "w64_sub", "(Py_ssize_t)((uint64_t)$0 - (uint64_t)$1)", [Ssize, Ssize] -> Ssize, Never;
    W64Mul = "w64_mul", "(Py_ssize_t)((uint64_t)$0 * (uint64_t)$1)", [Ssize, Ssize] -> Ssize, Never;
    W64Xor = "w64_xor", "($0 ^ $1)", [Ssize, Ssize] -> Ssize, Never;
    W64Or = "w64_or", "($0 | $1)", [Ssize, Ssize] -> Ssize, Never;
    W64And = "w64_and", "($0 & $1)", [Ssize, Ssize] -> Ssize, Never;
    W64Shl = "w64_shl", "(Py_ssize_t)((uint64_t)$0 << $1)", [Ssize, Ssize] -> Ssize, Never;
    W64Neg = "w64_neg", "(Py_ssize_t)(0 - (uint64_t)$0)", [Ssize] -> Ssize, Never;
    // (The word as unsigned, shifted right by $1 in 0..63: `oxyc_passes::peephole`.)
    W64Shr = "w64_shr", "(Py_ssize_t)((uint64_t)$0 >> $1)", [Ssize, Ssize] -> Ssize, Never;
    W64Invert = "w64_invert", "(~$0)", [Ssize] -> Ssize, Never;
    // ---- cells of captured variables ($1: the variable's name, for the error) ----
    CellNewEmpty = "cell_new_empty", "PyCell_New(NULL)", [] -> Obj, Null;
    CellNew = "cell_new", "PyCell_New($0)", [Obj] -> Obj, Null;
    CellGet = "cell_get", "oxy_cell_unbound($1, 0)", [Obj, Obj] -> Obj, Null,
        fast "(($d = PyCell_GET($0)) != NULL && (Py_INCREF($d), 1))", slow "oxy_cell_unbound($1, 0)";
    FreeGet = "free_get", "oxy_cell_unbound($1, 1)", [Obj, Obj] -> Obj, Null,
        fast "(($d = PyCell_GET($0)) != NULL && (Py_INCREF($d), 1))", slow "oxy_cell_unbound($1, 1)";
    CellSet = "cell_set", "oxy_cell_set($0, $1)", [Obj, Obj] -> void, Never;
    CellDel = "cell_del", "oxy_cell_del($0, $1, 0)", [Obj, Obj] -> void, Neg;
    FreeDel = "free_del", "oxy_cell_del($0, $1, 1)", [Obj, Obj] -> void, Neg;
    // `del name` in a class body: NameError if the namespace lacks it.
    ClassDelName = "class_del_name", "oxy_class_del_name($0, $1)", [Obj, Obj] -> void, Neg;
    ObjSetItem = "py_setitem", "PyObject_SetItem($0, $1, $2)", [Obj, Obj, Obj] -> void, Neg;
    ObjDelItem = "py_delitem", "PyObject_DelItem($0, $1)", [Obj, Obj] -> void, Neg;
    ObjLen = "py_len", "PyObject_Length($0)", [Obj] -> Ssize, Neg;
    // len() and truth of values typed list, str, tuple, dict: the exact type's size,
    // else the subclass's __len__ / __bool__.
    LenList = "len_list", "oxy_len_list($0)", [Obj] -> Ssize, Neg;
    LenStr = "len_str", "oxy_len_str($0)", [Obj] -> Ssize, Neg;
    LenTuple = "len_tuple", "oxy_len_tuple($0)", [Obj] -> Ssize, Neg;
    LenDict = "len_dict", "oxy_len_dict($0)", [Obj] -> Ssize, Neg;
    TruthyList = "truthy_list", "oxy_truthy_list($0)", [Obj] -> CInt, Neg;
    TruthyStr = "truthy_str", "oxy_truthy_str($0)", [Obj] -> CInt, Neg;
    ObjStr = "py_str", "PyObject_Str($0)", [Obj] -> Obj, Null;
    ObjRepr = "py_repr", "PyObject_Repr($0)", [Obj] -> Obj, Null;
    ObjAscii = "py_ascii", "PyObject_ASCII($0)", [Obj] -> Obj, Null;
    ObjFormat = "py_format", "PyObject_Format($0, $1)", [Obj, Obj] -> Obj, Null;
    FormatInt = "format_int", "oxy_format_int($0, $1)", [Int, Obj] -> Obj, Null;
    FormatFloat = "format_float", "oxy_format_float($0, $1)", [Float, Obj] -> Obj, Null;
    FormatStr = "format_str", "oxy_format_str($0, $1)", [Obj, Obj] -> Obj, Null;
    IntToStr = "int_to_str", "oxy_int_to_str($0)", [Int] -> Obj, Null;
    FloatToStr = "float_to_str", "oxy_float_to_str($0)", [Float] -> Obj, Null;
    StrPad = "str_pad", "oxy_str_pad($0, $1, $2)", [Obj, Ssize, CInt] -> Obj, Null;
    ObjToInt = "py_int", "PyNumber_Long($0)", [Obj] -> Obj, Null;
    StrToInt = "str_to_int", "oxy_str_to_int($0)", [Obj] -> Int, IntErr;
    ObjIndex = "py_index", "PyNumber_Index($0)", [Obj] -> Obj, Null;
    ObjToFloat = "py_float", "PyNumber_Float($0)", [Obj] -> Obj, Null;
    ObjGetIter = "py_iter", "PyObject_GetIter($0)", [Obj] -> Obj, Null;
    ObjIterNext = "py_next", "PyIter_Next($0)", [Obj] -> Obj, NullOccurred;
    ObjCallStar = "py_call_star", "PyObject_Call($0, $1, $2)", [Obj, Obj, Obj] -> Obj, Null;
    ObjCallStarNoKw = "py_call_star_nokw", "PyObject_Call($0, $1, NULL)", [Obj, Obj] -> Obj, Null;
    // `$0(*args, **kwargs)` / `$0(*args)` in a function whose `*args, **kwargs` are
    // only forwarded (`oxyc_passes::forward`): its own arguments, passed on as they
    // came, with no tuple or dict made. `$1` is the `*args` parameter (unread: the C
    // function receives the caller's argument array instead).
    CallForward = "call_forward", "PyObject_Vectorcall($0, oxy_fargs, oxy_fnargs, oxy_fkwnames)", [Obj, Obj] -> Obj, Null;
    CallForwardPos = "call_forward_pos", "PyObject_Vectorcall($0, oxy_fargs, oxy_fnargs, NULL)", [Obj, Obj] -> Obj, Null;
    SliceNew = "slice_new", "PySlice_New($0, $1, $2)", [Obj, Obj, Obj] -> Obj, Null;
    // `super()` in a method of a module with a star import, where `super` is a global
    // ($0): the zero-argument form over class $1 and first argument $2 when it is the
    // builtin, else a call of it with no arguments.
    CallMaybeSuper = "call_maybe_super", "oxy_call_maybe_super($0, $1, $2)", [Obj, Obj, Obj] -> Obj, Null;
    // `type(name, bases, namespace)` ($0..$2) from compiled code: the class's
    // `__module__` is the module's `__name__` ($3), which the builtin would take
    // from the calling frame.
    TypeNew3 = "type_new3", "oxy_type_new3($0, $1, $2, $3)", [Obj, Obj, Obj, Obj] -> Obj, Null;
    // ---- str ----
    StrConcat = "str_concat", "oxyc_str_add($0, $1)", [Obj, Obj] -> Obj, Null;
    CatPair = "cat_pair", "oxy_cat_pair($0, $1)", [Obj, Obj] -> Obj, Null;
    CatNext2 = "cat_next2", "oxy_cat_next2($0, $1, $2, $3, $4)", [Obj, Obj, Obj, Obj, CInt] -> Obj, Null;
    CatNext3 = "cat_next3", "oxy_cat_next3($0, $1, $2, $3, $4, $5)", [Obj, Obj, Obj, Obj, Obj, CInt] -> Obj, Null;
    CatNext4 = "cat_next4", "oxy_cat_next4($0, $1, $2, $3, $4, $5, $6)", [Obj, Obj, Obj, Obj, Obj, Obj, CInt] -> Obj, Null;
    // `x += y` on a variable: takes over x's reference so that an unshared str grows in
    // place (like CPython's eval loop); other types go through PyNumber_InPlaceAdd.
    IAddSteal = "iadd_steal", "oxyc_iadd_steal($0, $1)", [Obj, Obj] -> Obj, Null, steals &[true, false];
    // The character at index $1 (in range) of an exact str, as the 1-character string
    // its iterator gives.
    StrCharAt = "str_char_at", "PyUnicode_FromOrdinal((int)PyUnicode_READ_CHAR($0, $1))", [Obj, Ssize] -> Obj, Null;
    // The code point at index $1 (in range) of an exact str (irbuild/word_local.rs).
    StrReadChar = "str_read_char", "((Py_ssize_t)PyUnicode_READ_CHAR($0, $1))", [Obj, Ssize] -> Ssize, Never;
    // text[i] of a value typed str as a code point: -1 with IndexError, -1 with no
    // exception for a str subclass or a long index (irbuild/word_local.rs).
    StrCodePointAt = "str_code_point_at", "oxy_str_code_point_at($0, $1)", [Obj, Int] -> Ssize, NegOccurred;
    // `ch.isdigit()` (kind 0) and the other tests of one character, by code point.
    CodePointIs = "code_point_is", "oxy_code_point_is($0, $1)", [Ssize, CInt] -> Bool, Never;
    // Is code point $0 a character of the exact str $1?
    CodePointIn = "code_point_in", "(PyUnicode_FindChar($1, (Py_UCS4)$0, 0, PyUnicode_GET_LENGTH($1), 1) >= 0)", [Ssize, Obj] -> Bool, Never;
    // The 1-character string of code point $0 (a valid one).
    StrFromCodePoint = "str_from_code_point", "PyUnicode_FromOrdinal((int)$0)", [Ssize] -> Obj, Null;
    StrLen = "str_len", "PyUnicode_GET_LENGTH($0)", [Obj] -> Ssize, Never;
    StrGetItem = "str_getitem", "oxy_str_getitem($0, $1)", [Obj, Int] -> Obj, Null;
    // `$0.join($1)`
    StrJoin = "str_join", "PyUnicode_Join($0, $1)", [Obj, Obj] -> Obj, Null;
    StrEq = "str_eq", "oxyc_str_eq($0, $1)", [Obj, Obj] -> CInt, Neg;
    StrNe = "str_ne", "oxyc_str_ne($0, $1)", [Obj, Obj] -> CInt, Neg;
    StrOrder = "str_order", "oxyc_str_order($0, $1, $2)", [Obj, Obj, CInt] -> CInt, Neg;
    StrContains = "str_contains", "oxyc_str_contains($1, $0)", [Obj, Obj] -> CInt, Neg;
    Ord = "ord", "oxyc_ord($0)", [Obj] -> Int, IntErr;
    Chr = "chr", "oxyc_chr($0)", [Int] -> Obj, Null;
    // ---- `for t in s.split():` walked in place (`oxyc_irbuild::token_local`) ----
    SplitWalk = "split_walk", "oxy_split_walk($0)", [Obj] -> Obj, Null;
    SplitInPlace = "split_in_place", "(PyUnicode_CheckExact($0) != 0)", [Obj] -> Bool, Never;
    SplitStart = "split_start", "oxy_split_start($0, $1)", [Obj, Ssize] -> Ssize, Never;
    SplitEnd = "split_end", "oxy_split_end($0, $1)", [Obj, Ssize] -> Ssize, Never;
    StrLenExact = "str_len_exact", "PyUnicode_GET_LENGTH($0)", [Obj] -> Ssize, Never;
    TokStr = "tok_str", "oxy_tok_str($0, $1, $2)", [Obj, Ssize, Ssize] -> Obj, Null;
    TokStrip = "tok_strip", "oxy_tok_strip($0, $1, $2, $3, $4)", [Obj, Ssize, Ssize, Obj, CInt] -> Obj, Null;
    TokStripCase = "tok_strip_case", "oxy_tok_strip_case($0, $1, $2, $3, $4, $5)", [Obj, Ssize, Ssize, Obj, CInt, CInt] -> Obj, Null;
    // ---- local lists of int tuples kept unboxed (`oxyc_irbuild::vec_local`) ----
    IVecNew = "ivec_new", "oxy_ivec_new($0)", [Ssize] -> Obj, Null;
    IVecPush2 = "ivec_push2", "oxy_ivec_push($0, $1, $2, 0, 0)", [Obj, Int, Int] -> void, Neg;
    IVecPush3 = "ivec_push3", "oxy_ivec_push($0, $1, $2, $3, 0)", [Obj, Int, Int, Int] -> void, Neg;
    IVecPush4 = "ivec_push4", "oxy_ivec_push($0, $1, $2, $3, $4)", [Obj, Int, Int, Int, Int] -> void, Neg;
    IVecLen = "ivec_len", "oxy_ivec_len($0)", [Obj] -> Ssize, Never;
    // Item `$2` of tuple `$1` (a new reference).
    IVecGet = "ivec_get", "oxy_ivec_get($0, $1, $2)", [Obj, Ssize, Ssize] -> Int, Never;
    IVecToList = "ivec_to_list", "oxy_ivec_to_list($0)", [Obj] -> Obj, Null;
    IVecBadStore = "ivec_bad_store", "oxy_ivec_bad_store()", [] -> Obj, Null;
    // ---- list / tuple / dict ----
    ListAppend = "list_append", "oxy_list_append($0, $1)", [Obj, Obj] -> void, Neg;
    ListLen = "list_len", "PyList_GET_SIZE($0)", [Obj] -> Ssize, Never;
    // list.pop() / list.pop(i) / list.remove(x) / list.insert(i, x) on a list.
    ListPopLast = "list_pop_last", "oxy_list_pop_last($0)", [Obj] -> Obj, Null;
    ListPop = "list_pop", "oxy_list_pop($0, $1)", [Obj, Int] -> Obj, Null;
    ListRemove = "list_remove", "oxy_list_remove($0, $1)", [Obj, Obj] -> void, Neg;
    ListInsert = "list_insert", "oxy_list_insert($0, $1, $2)", [Obj, Int, Obj] -> void, Neg;
    ListGetItem = "list_getitem", "oxy_list_getitem($0, $1)", [Obj, Int] -> Obj, Null;
    ListGetItemInt = "list_get_int", "oxyc_list_get_int($0, $1)", [Obj, Int] -> Int, IntErr, compact "oxy_list_get_int_ool($0, $1)";
    // The same two, indexed by a C counter (see `peephole::index_by_counter`).
    ListGetItemSsize = "list_getitem_ssize", "oxyc_list_getitem_ssize($0, $1)", [Obj, Ssize] -> Obj, Null;
    ListGetIntSsize = "list_get_int_ssize", "oxyc_list_get_int_ssize($0, $1)", [Obj, Ssize] -> Int, IntErr;
    ListCheckExact = "list_check_exact", "(PyList_CheckExact($0) != 0)", [Obj] -> Bool, Never;
    // Item `$1` of a list known to be longer (a new reference).
    ListItemUnchecked = "list_item", "oxyc_newref(PyList_GET_ITEM($0, $1))", [Obj, Ssize] -> Obj, Never;
    ListSetItem = "list_setitem", "oxy_list_setitem($0, $1, $2)", [Obj, Int, Obj] -> void, Neg;
    TupleLen = "tuple_len", "PyTuple_GET_SIZE($0)", [Obj] -> Ssize, Never;
    TupleGetItem = "tuple_getitem", "oxy_tuple_getitem($0, $1)", [Obj, Int] -> Obj, Null;
    DictCheckExact = "dict_check_exact", "(PyDict_CheckExact($0) != 0)", [Obj] -> Bool, Never;
    // Walking an exact dict in place (`oxyc_irbuild::dict_loop`): the position after
    // the next entry from $1 (0 at the end); the key / value at the entry before $1.
    DictWalkNext = "dict_walk_next", "oxyc_dict_walk_next($0, $1, $2, $3)", [Obj, Ssize, Ssize, Ssize] -> Ssize, Neg;
    DictWalkKey = "dict_walk_key", "oxyc_dict_walk_item($0, $1, 0)", [Obj, Ssize] -> Obj, Never;
    DictWalkValue = "dict_walk_value", "oxyc_dict_walk_item($0, $1, 1)", [Obj, Ssize] -> Obj, Never;
    DictLen = "dict_len", "PyDict_GET_SIZE($0)", [Obj] -> Ssize, Never;
    DictSetItem = "dict_setitem", "PyDict_SetItem($0, $1, $2)", [Obj, Obj, Obj] -> void, Neg;
    SetAdd = "set_add", "PySet_Add($0, $1)", [Obj, Obj] -> void, Neg;
    DictUpdate = "dict_update", "oxyc_dict_merge($0, $1)", [Obj, Obj] -> void, Neg;
    ListExtend = "list_extend", "oxyc_list_extend($0, $1)", [Obj, Obj] -> void, Neg;
    CallKwMerge = "call_kw_merge", "oxy_call_kw_merge($0, $1, $2)", [Obj, Obj, Obj] -> void, Neg;
    CallStarTuple = "call_star_tuple", "oxy_call_star_tuple($0, $1)", [Obj, Obj] -> Obj, Null;
    CallKwCopy = "call_kw_copy", "oxy_call_kw_copy($0, $1)", [Obj, Obj] -> Obj, Null;
    CallKwSet = "call_kw_set", "oxy_call_kw_set($0, $1, $2, $3)", [Obj, Obj, Obj, Obj] -> void, Neg;
    ListToTuple = "list_to_tuple", "PyList_AsTuple($0)", [Obj] -> Obj, Null;
    ModuleKwFits = "module_kw_fits", "oxy_module_kw_fits($0)", [Obj] -> Bool, Never;
    TupleToList = "tuple_to_list", "PySequence_List($0)", [Obj] -> Obj, Null;
    TupleToSet = "tuple_to_set", "PySet_New($0)", [Obj] -> Obj, Null;
    DictFromTuples = "dict_from_tuples", "oxy_dict_from_tuples($0, $1)", [Obj, Obj] -> Obj, Null;
    // An argument for an unboxed tuple parameter (a tuple) has `$1` items, else
    // TypeError "$2, not tuple of 3 items" (`$2`: "f() argument 'p' must be tuple[...]").
    TupleArgLen = "tuple_arg_len", "(OXY_LIKELY(PyTuple_GET_SIZE($0) == $1) ? 0 : oxy_tuple_arg_len($0, $1, $2))", [Obj, Ssize, Obj] -> CInt, Neg;
    // Unpack an iterable into a tuple of exactly `$1` items (Python's messages).
    Unpack = "unpack", "oxyc_unpack($0, $1)", [Obj, Ssize] -> Obj, Null;
    // `a, *b, c = $0`: a tuple of `$1` items, the list for the star, `$2` items.
    UnpackEx = "unpack_ex", "oxyc_unpack_ex($0, $1, $2)", [Obj, Ssize, Ssize] -> Obj, Null;
    // Borrow-free item access of a tuple known to be long enough.
    // ---- exceptions ----
    FetchExc = "fetch_exc", "oxy_fetch_exc()", [] -> Obj, Never;
    RestoreExc = "restore_exc", "oxy_restore_exc($0)", [Obj] -> void, Always;
    ExcMatches = "exc_matches", "oxy_exc_matches($0, $1)", [Obj, Obj] -> CInt, Neg;
    GetHandledExc = "get_handled_exc", "oxy_get_handled_exc()", [] -> Obj, Never;
    SetHandledExc = "set_handled_exc", "oxy_set_handled_exc($0)", [Obj] -> void, Never;
    Raise = "raise", "oxy_raise($0, NULL)", [Obj] -> void, Always;
    RaiseFrom = "raise_from", "oxy_raise($0, $1)", [Obj, Obj] -> void, Always;
    Reraise = "reraise", "oxy_reraise()", [] -> void, Always;
    // ---- `except*` (runtime `oxy_star_*`): a state list of what is unhandled and
    // what the handlers raised ----
    StarBegin = "star_begin", "oxy_star_begin($0)", [Obj] -> Obj, Null;
    // The part of the unhandled exception that `except* $1` matches, or None.
    StarMatch = "star_match", "oxy_star_match($0, $1)", [Obj, Obj] -> Obj, Null;
    StarRaised = "star_raised", "oxy_star_raised($0, $1)", [Obj, Obj] -> void, Neg;
    // (original exception, state) -> what to raise at the end, or None.
    StarResult = "star_result", "oxy_star_result($0, $1)", [Obj, Obj] -> Obj, Null;
    // ---- the `with` statement (runtime `oxy_with_*`) ----
    // The context manager's bound `__enter__` / `__exit__`, looked up on its type.
    WithLookupEnter = "with_lookup_enter", "oxy_with_lookup_enter($0)", [Obj] -> Obj, Null;
    WithLookupExit = "with_lookup_exit", "oxy_with_lookup_exit($0)", [Obj] -> Obj, Null;
    // `exit(None, None, None)`.
    WithExitNone = "with_exit_none", "oxy_with_exit_none($0)", [Obj] -> void, Neg;
    // `exit(type(e), e, e.__traceback__)` for exception `$1`: 1 = suppress it.
    WithExitExc = "with_exit_exc", "oxy_with_exit_exc($0, $1)", [Obj, Obj] -> CInt, Neg;
    StrIs = "str_is", "oxy_str_is($0, $1)", [Obj, CInt] -> CInt, Never;
    // The common str methods (runtime `oxy_str_*`): `$last` picks the variant; an
    // argument not given is None (-1 for maxsplit and count).
    StrSplit = "str_split", "oxy_str_split($0, $1, $2, $3)", [Obj, Obj, Obj, CInt] -> Obj, Null;
    StrStrip = "str_strip", "oxy_str_strip($0, $1, $2)", [Obj, Obj, CInt] -> Obj, Null;
    StrAffix = "str_affix", "oxy_str_affix($0, $1, $2)", [Obj, Obj, CInt] -> Obj, Null;
    StrFind = "str_find", "oxy_str_find($0, $1, $2)", [Obj, Obj, CInt] -> Obj, Null;
    StrReplace = "str_replace", "oxy_str_replace($0, $1, $2, $3)", [Obj, Obj, Obj, Obj] -> Obj, Null;
    StrPartition = "str_partition", "oxy_str_partition($0, $1, $2)", [Obj, Obj, CInt] -> Obj, Null;
    StrCase = "str_case", "oxy_str_case($0, $1)", [Obj, CInt] -> Obj, Null;
    StrStripCase = "str_strip_case", "oxy_str_strip_case($0, $1, $2, $3)", [Obj, Obj, CInt, CInt] -> Obj, Null;
    StrJoinMethod = "str_join_method", "oxy_str_join($0, $1)", [Obj, Obj] -> Obj, Null;
    // `$0.get($1[, $2])` / `$0.setdefault($1[, $2])` on a value typed dict (runtime).
    DictGet1 = "dict_get1", "oxy_dict_get($0, $1, NULL)", [Obj, Obj] -> Obj, Null;
    DictGet = "dict_get", "oxy_dict_get($0, $1, $2)", [Obj, Obj, Obj] -> Obj, Null;
    DictSetDefault1 = "dict_setdefault1", "oxy_dict_setdefault($0, $1, NULL)", [Obj, Obj] -> Obj, Null;
    DictSetDefault = "dict_setdefault", "oxy_dict_setdefault($0, $1, $2)", [Obj, Obj, Obj] -> Obj, Null;
    // Tuple keys hashed once (`oxyc_passes::hash_reuse` shares one hash between the
    // lookups of the same key): the hash of a pure key or -1, then lookups given it
    // (with -1 they hash the key themselves, as the interpreter does).
    HashPure = "hash_pure", "oxy_hash_pure($0)", [Obj] -> Ssize, Never;
    ContainsH = "contains_h", "oxy_contains_h($1, $0, $2)", [Obj, Obj, Ssize] -> CInt, Neg;
    SetAddH = "set_add_h", "oxy_set_add_h($0, $1, $2)", [Obj, Obj, Ssize] -> Obj, Null;
    DictGetItemH = "dict_getitem_h", "oxy_dict_getitem_h($0, $1, $2)", [Obj, Obj, Ssize] -> Obj, Null;
    DictSetItemH = "dict_setitem_h", "oxy_dict_setitem_h($0, $1, $2, $3)", [Obj, Obj, Obj, Ssize] -> void, Neg;
    DictGet1H = "dict_get1_h", "oxy_dict_get_h($0, $1, NULL, $2)", [Obj, Obj, Ssize] -> Obj, Null;
    DictGetH = "dict_get_h", "oxy_dict_get_h($0, $1, $2, $3)", [Obj, Obj, Obj, Ssize] -> Obj, Null;
    SeqReduce = "seq_reduce", "oxy_seq_reduce($0, $1)", [Obj, CInt] -> Obj, Null;
    RaiseEmptyMinMax = "raise_empty_minmax", "oxyc_raise_empty_minmax($0)", [Bool] -> void, Always;
    RaiseRangeStepZero = "raise_range_step_zero", "oxyc_raise_range_step_zero()", [] -> void, Always;
    RaiseAssert = "raise_assert", "oxyc_raise_assert($0)", [Obj] -> void, Always;
    // ---- the match statement (runtime `oxy_match_*`) ----
    SsizeEq = "ssize_eq", "($0 == $1)", [Ssize, Ssize] -> Bool, Never;
    SsizeGe = "ssize_ge", "($0 >= $1)", [Ssize, Ssize] -> Bool, Never;
    MatchIsSequence = "match_is_sequence", "oxy_match_is_sequence($0)", [Obj] -> Bool, Never;
    MatchIsMapping = "match_is_mapping", "oxy_match_is_mapping($0)", [Obj] -> Bool, Never;
    // `$0[$1]`, a negative index counting from the end of `len($0)`.
    MatchSeqItem = "match_seq_item", "oxy_match_seq_item($0, $1)", [Obj, Ssize] -> Obj, Null;
    // The values of keys `$1` (a tuple) looked up with `$0.get`, or None.
    MatchKeys = "match_keys", "oxy_match_keys($0, $1)", [Obj, Obj] -> Obj, Null;
    // `**rest`: a dict copy of `$0` without keys `$1`.
    MatchRest = "match_rest", "oxy_match_rest($0, $1)", [Obj, Obj] -> Obj, Null;
    // Class pattern `$1($2 positional, keywords $3)` on `$0`: attributes, or None.
    MatchClass = "match_class", "oxy_match_class($0, $1, $2, $3)", [Obj, Obj, Ssize, Obj] -> Obj, Null;
    // ---- imports ----
    // `import $0` with fromlist `$1` and level `$2`.
    Import = "import", "oxyc_import($0, $1, $2, oxy_globals)", [Obj, Obj, Ssize] -> Obj, Null;
    ImportFrom = "import_from", "oxyc_import_from($0, $1)", [Obj, Obj] -> Obj, Null;
    ImportStar = "import_star", "oxyc_import_star($0, oxy_globals)", [Obj] -> void, Neg;
    // For `import a.b.c as d`: walk the attributes after `import a.b.c`.
    ImportLeaf = "import_leaf", "oxyc_import_leaf($0, $1)", [Obj, Obj] -> Obj, Null;
}
