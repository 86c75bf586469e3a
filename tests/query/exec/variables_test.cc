#include "query/exec/variables.h"

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "gtest/gtest.h"

namespace parley::query {
namespace {

ExprPtr Var(const std::string& name) {
  auto e = std::make_shared<Expr>();
  e->kind = Expr::Kind::kVariable;
  e->variable = Variable{name};
  return e;
}

ExprPtr Call(Builtin builtin, std::vector<ExprPtr> args) {
  auto e = std::make_shared<Expr>();
  e->kind = Expr::Kind::kBuiltin;
  e->builtin = builtin;
  e->args = std::move(args);
  return e;
}

ExprPtr Op2(Expr::Kind kind, ExprPtr a, ExprPtr b) {
  auto e = std::make_shared<Expr>();
  e->kind = kind;
  e->args = {std::move(a), std::move(b)};
  return e;
}

class SoleInputSlotTest : public ::testing::Test {
 protected:
  SoleInputSlotTest() {
    q_ = slots_.Add("q");
    s_ = slots_.Add("s");
  }
  VariableSlots slots_;
  size_t q_ = 0;
  size_t s_ = 0;
};

TEST_F(SoleInputSlotTest, OneVariableReadOnceOrMore) {
  EXPECT_EQ(SoleInputSlot(*Call(Builtin::kStrlen, {Var("q")}), slots_), q_);
  EXPECT_EQ(SoleInputSlot(*Op2(Expr::Kind::kOr, Call(Builtin::kIsIri, {Var("s")}),
                               Call(Builtin::kIsBlank, {Var("s")})),
                          slots_),
            s_);
}

TEST_F(SoleInputSlotTest, NoneForSeveralVariablesOrNone) {
  EXPECT_EQ(SoleInputSlot(*Op2(Expr::Kind::kEqual, Var("q"), Var("s")), slots_), std::nullopt);
  EXPECT_EQ(SoleInputSlot(*Call(Builtin::kNow, {}), slots_), std::nullopt);
}

TEST_F(SoleInputSlotTest, NoneWhenAValueDiffersBetweenCalls) {
  // RAND() < STRLEN(?q) reads one slot, but two rows with the same ?q may
  // be answered differently.
  EXPECT_EQ(SoleInputSlot(*Op2(Expr::Kind::kLess, Call(Builtin::kRand, {}),
                               Call(Builtin::kStrlen, {Var("q")})),
                          slots_),
            std::nullopt);
  EXPECT_EQ(SoleInputSlot(*Op2(Expr::Kind::kEqual, Call(Builtin::kStrUuid, {}), Var("q")), slots_),
            std::nullopt);
  EXPECT_EQ(SoleInputSlot(*Call(Builtin::kIsBlank, {Call(Builtin::kBnode, {Var("q")})}), slots_),
            std::nullopt);
}

TEST_F(SoleInputSlotTest, NoneWithExists) {
  auto exists = std::make_shared<Expr>();
  exists->kind = Expr::Kind::kExists;
  exists->pattern = std::make_shared<Op>();
  EXPECT_EQ(
      SoleInputSlot(*Op2(Expr::Kind::kAnd, exists, Call(Builtin::kIsIri, {Var("q")})), slots_),
      std::nullopt);
}

}  // namespace
}  // namespace parley::query
