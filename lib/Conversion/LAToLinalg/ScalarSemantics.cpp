//===- ScalarSemantics.cpp - DML semantics of la ops on one cell ----------===//
//
// Conventions (DML on doubles, two's complement on integers):
//  * comparisons and logical ops yield 1 or 0; NaN compares unequal to
//    everything and counts as non-zero (true);
//  * min/max propagate NaN;
//  * x %% y = x - floor(x/y)*y and x %/% y = floor(x/y) (floor semantics, also
//    for integers);
//  * integer division, %/% and %% by zero yield 0 instead of trapping (as do
//    INT_MIN / -1 and its variants), so generated code has no undefined
//    behaviour;
//  * round is half away from zero; sign(NaN) = NaN.
//
//===----------------------------------------------------------------------===//

#include "lauryn/Conversion/LAToLinalg/ScalarSemantics.h"

#include "lauryn/Dialect/LA/IR/LAOps.h"
#include "mlir/Dialect/Arith/IR/Arith.h"
#include "mlir/Dialect/Math/IR/Math.h"
#include "llvm/ADT/TypeSwitch.h"

using namespace mlir;

namespace lauryn::la {

bool isElementwiseOp(Operation *op) {
  auto family = dyn_cast<CostOpInterface>(op);
  if (!family)
    return false;
  return isa<AddOp, SubOp, MulOp, DivOp, PowOp, MinimumOp, MaximumOp, ModOp,
             IntDivOp, LtOp, LeOp, GtOp, GeOp, EqOp, NeOp, AndOp, OrOp, XorOp,
             NegOp, AbsOp, ExpOp, LogOp, SqrtOp, SigmoidOp, RoundOp, FloorOp,
             CeilOp, SignOp, SinOp, CosOp, TanOp, TanhOp, NotOp, IsNanOp,
             IfElseOp>(op);
}

Value constantOf(OpBuilder &b, Location loc, Type type, double value) {
  if (auto f = dyn_cast<FloatType>(type))
    return arith::ConstantOp::create(b, loc, b.getFloatAttr(f, value));
  return arith::ConstantOp::create(b, loc, b.getIntegerAttr(type, int64_t(value)));
}

Value boolToElement(OpBuilder &b, Location loc, Value cond, Type type) {
  return arith::SelectOp::create(b, loc, cond, constantOf(b, loc, type, 1),
                                 constantOf(b, loc, type, 0));
}

Value isNonZero(OpBuilder &b, Location loc, Value x) {
  Type t = x.getType();
  if (isa<FloatType>(t))
    return arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNE, x,
                                 constantOf(b, loc, t, 0));
  return arith::CmpIOp::create(b, loc, arith::CmpIPredicate::ne, x,
                               constantOf(b, loc, t, 0));
}

namespace {

struct Emitter {
  OpBuilder &b;
  Location loc;
  Type type; // element type of the operands (and of the result)

  bool isFloat() const { return isa<FloatType>(type); }
  Value c(double v) { return constantOf(b, loc, type, v); }

  /// Integer division guarded against division by zero and INT_MIN / -1.
  /// Returns {safe divisor, "result must be 0" flag}.
  std::pair<Value, Value> guardDivisor(Value x, Value y) {
    Value zero = c(0), minusOne = c(-1);
    unsigned width = type.getIntOrFloatBitWidth();
    Value intMin = arith::ConstantOp::create(
        b, loc, b.getIntegerAttr(type, APInt::getSignedMinValue(width)));
    Value byZero = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, y, zero);
    Value overflow = arith::AndIOp::create(
        b, loc, arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, x, intMin),
        arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, y, minusOne));
    Value invalid = arith::OrIOp::create(b, loc, byZero, overflow);
    Value safe = arith::SelectOp::create(b, loc, invalid, c(1), y);
    return {safe, invalid};
  }

  Value intFloorDiv(Value x, Value y) {
    auto [safe, invalid] = guardDivisor(x, y);
    Value q = arith::FloorDivSIOp::create(b, loc, x, safe);
    return arith::SelectOp::create(b, loc, invalid, c(0), q);
  }

  Value cmp(arith::CmpFPredicate fp, arith::CmpIPredicate ip, Value x, Value y) {
    Value cond = isFloat() ? Value(arith::CmpFOp::create(b, loc, fp, x, y))
                           : Value(arith::CmpIOp::create(b, loc, ip, x, y));
    return boolToElement(b, loc, cond, type);
  }

  Value binary(Operation *op, Value x, Value y) {
    using FP = arith::CmpFPredicate;
    using IP = arith::CmpIPredicate;
    return llvm::TypeSwitch<Operation *, Value>(op)
        .Case([&](AddOp) {
          return isFloat() ? Value(arith::AddFOp::create(b, loc, x, y))
                           : Value(arith::AddIOp::create(b, loc, x, y));
        })
        .Case([&](SubOp) {
          return isFloat() ? Value(arith::SubFOp::create(b, loc, x, y))
                           : Value(arith::SubIOp::create(b, loc, x, y));
        })
        .Case([&](MulOp) {
          return isFloat() ? Value(arith::MulFOp::create(b, loc, x, y))
                           : Value(arith::MulIOp::create(b, loc, x, y));
        })
        .Case([&](DivOp div) -> Value {
          if (isFloat()) {
            Value q = arith::DivFOp::create(b, loc, x, y);
            // The zeros of a sparse numerator are structural: 0 / y = 0 for
            // every y (the value x arrives densified, or from the storage of
            // a fused operator's driver, where zeros may be stored).
            if (!div.hasStructuralNumerator())
              return q;
            Value isZero = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OEQ, x, c(0));
            return arith::SelectOp::create(b, loc, isZero, c(0), q);
          }
          auto [safe, invalid] = guardDivisor(x, y);
          Value q = arith::DivSIOp::create(b, loc, x, safe);
          return arith::SelectOp::create(b, loc, invalid, c(0), q);
        })
        .Case([&](PowOp) -> Value {
          if (isFloat())
            return math::PowFOp::create(b, loc, x, y);
          // 0 ^ negative is a division by zero in integers: 0, like x %/% 0
          // (and never evaluated: the software power divides by x).
          Value zeroBase = arith::AndIOp::create(
              b, loc, arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq, x, c(0)),
              arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, y, c(0)));
          Value safeExponent = arith::SelectOp::create(b, loc, zeroBase, c(0), y);
          Value power = math::IPowIOp::create(b, loc, x, safeExponent);
          return arith::SelectOp::create(b, loc, zeroBase, c(0), power);
        })
        .Case([&](MinimumOp) {
          return isFloat() ? Value(arith::MinimumFOp::create(b, loc, x, y))
                           : Value(arith::MinSIOp::create(b, loc, x, y));
        })
        .Case([&](MaximumOp) {
          return isFloat() ? Value(arith::MaximumFOp::create(b, loc, x, y))
                           : Value(arith::MaxSIOp::create(b, loc, x, y));
        })
        .Case([&](ModOp) -> Value {
          if (isFloat()) {
            Value q = math::FloorOp::create(b, loc, arith::DivFOp::create(b, loc, x, y));
            return arith::SubFOp::create(b, loc, x, arith::MulFOp::create(b, loc, q, y));
          }
          auto [safe, invalid] = guardDivisor(x, y);
          Value q = arith::FloorDivSIOp::create(b, loc, x, safe);
          Value r = arith::SubIOp::create(b, loc, x, arith::MulIOp::create(b, loc, q, safe));
          return arith::SelectOp::create(b, loc, invalid, c(0), r);
        })
        .Case([&](IntDivOp) -> Value {
          if (isFloat())
            return math::FloorOp::create(b, loc, arith::DivFOp::create(b, loc, x, y));
          return intFloorDiv(x, y);
        })
        .Case([&](LtOp) { return cmp(FP::OLT, IP::slt, x, y); })
        .Case([&](LeOp) { return cmp(FP::OLE, IP::sle, x, y); })
        .Case([&](GtOp) { return cmp(FP::OGT, IP::sgt, x, y); })
        .Case([&](GeOp) { return cmp(FP::OGE, IP::sge, x, y); })
        .Case([&](EqOp) { return cmp(FP::OEQ, IP::eq, x, y); })
        .Case([&](NeOp) { return cmp(FP::UNE, IP::ne, x, y); })
        .Case([&](AndOp) {
          return boolToElement(b, loc,
                               arith::AndIOp::create(b, loc, isNonZero(b, loc, x),
                                                     isNonZero(b, loc, y)),
                               type);
        })
        .Case([&](OrOp) {
          return boolToElement(b, loc,
                               arith::OrIOp::create(b, loc, isNonZero(b, loc, x),
                                                    isNonZero(b, loc, y)),
                               type);
        })
        .Case([&](XorOp) {
          return boolToElement(b, loc,
                               arith::XOrIOp::create(b, loc, isNonZero(b, loc, x),
                                                     isNonZero(b, loc, y)),
                               type);
        })
        .Default([](Operation *) { return Value(); });
  }

  Value unary(Operation *op, Value x) {
    return llvm::TypeSwitch<Operation *, Value>(op)
        .Case([&](NegOp) {
          return isFloat() ? Value(arith::NegFOp::create(b, loc, x))
                           : Value(arith::SubIOp::create(b, loc, c(0), x));
        })
        .Case([&](AbsOp) {
          return isFloat() ? Value(math::AbsFOp::create(b, loc, x))
                           : Value(math::AbsIOp::create(b, loc, x));
        })
        .Case([&](ExpOp) { return Value(math::ExpOp::create(b, loc, x)); })
        .Case([&](LogOp) { return Value(math::LogOp::create(b, loc, x)); })
        .Case([&](SqrtOp) { return Value(math::SqrtOp::create(b, loc, x)); })
        .Case([&](SigmoidOp) {
          Value e = math::ExpOp::create(b, loc, arith::NegFOp::create(b, loc, x));
          return Value(arith::DivFOp::create(b, loc, c(1),
                                             arith::AddFOp::create(b, loc, c(1), e)));
        })
        .Case([&](RoundOp) {
          return isFloat() ? Value(math::RoundOp::create(b, loc, x)) : x;
        })
        .Case([&](FloorOp) {
          return isFloat() ? Value(math::FloorOp::create(b, loc, x)) : x;
        })
        .Case([&](CeilOp) {
          return isFloat() ? Value(math::CeilOp::create(b, loc, x)) : x;
        })
        .Case([&](SignOp) -> Value {
          Value zero = c(0);
          Value pos, neg;
          if (isFloat()) {
            pos = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OGT, x, zero);
            neg = arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OLT, x, zero);
          } else {
            pos = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::sgt, x, zero);
            neg = arith::CmpIOp::create(b, loc, arith::CmpIPredicate::slt, x, zero);
          }
          // x itself where it is 0 or NaN.
          Value r = arith::SelectOp::create(b, loc, neg, c(-1), x);
          return arith::SelectOp::create(b, loc, pos, c(1), r);
        })
        .Case([&](SinOp) { return Value(math::SinOp::create(b, loc, x)); })
        .Case([&](CosOp) { return Value(math::CosOp::create(b, loc, x)); })
        .Case([&](TanOp) { return Value(math::TanOp::create(b, loc, x)); })
        .Case([&](TanhOp) { return Value(math::TanhOp::create(b, loc, x)); })
        .Case([&](NotOp) {
          Value zero = isFloat()
                           ? Value(arith::CmpFOp::create(b, loc, arith::CmpFPredicate::OEQ,
                                                         x, c(0)))
                           : Value(arith::CmpIOp::create(b, loc, arith::CmpIPredicate::eq,
                                                         x, c(0)));
          return boolToElement(b, loc, zero, type);
        })
        .Case([&](IsNanOp) {
          if (!isFloat())
            return c(0);
          return boolToElement(
              b, loc, arith::CmpFOp::create(b, loc, arith::CmpFPredicate::UNO, x, x), type);
        })
        .Default([](Operation *) { return Value(); });
  }
};

} // namespace

Value emitElementwise(OpBuilder &b, Location loc, Operation *op, ValueRange args) {
  if (auto ifElse = dyn_cast<IfElseOp>(op))
    return arith::SelectOp::create(b, loc, isNonZero(b, loc, args[0]), args[1], args[2]);
  Emitter e{b, loc, args[0].getType()};
  if (args.size() == 2)
    return e.binary(op, args[0], args[1]);
  return e.unary(op, args[0]);
}

} // namespace lauryn::la
