// Every construct of the rule language, run on small crashes: what a condition
// decides, what an action writes (signature, notes, debug log), and the Python
// behaviour behind each operator, down to the exception messages.
#include <gtest/gtest.h>

#include "dsl_test_support.h"

namespace crashsig::dsl::test {
namespace {

// Whether the condition holds for the crash.
bool holds(std::string_view condition, std::string_view crash_json = "{}", std::string signature = "sig") {
  Result r = run_rule(condition, "stomp \"yes\"", crash_json, std::move(signature));
  EXPECT_TRUE(r.notes.empty()) << notes(r);
  return r.signature == "yes";
}

// ---- the rule itself -----------------------------------------------------------

TEST(Rule, NameAndDocComeFromTheFile) {
  auto rule = compile_text(
      "# comment\nrule MyRule\ndoc \"\"\"\n  First line,\n\n  second   line.\n\"\"\"\nthen\n  note \"x\"\n");
  EXPECT_EQ(rule->name(), "MyRule");
  EXPECT_EQ(rule->doc(), "First line, second line.");
}

TEST(Rule, WithoutWhenTheRuleAlwaysApplies) {
  Result r = run_rule("", "append \"!\"", "{}");
  EXPECT_EQ(r.signature, "sig!");
}

TEST(Rule, CommentsAndLayoutAreFree) {
  Result r = run(*compile_text("rule T doc \"\"\"d\"\"\" when true then prepend \"a\" # c\n append \"b\" note \"n\""),
                 "{}");
  EXPECT_EQ(r.signature, "asigb");
  EXPECT_EQ(notes(r), "T: n");
}

// ---- truthiness ----------------------------------------------------------------

TEST(Truthiness, MatchesPython) {
  for (const char* falsy : {R"({})", R"({"reason":null})", R"({"reason":""})", R"({"reason":0})",
                            R"({"reason":0.0})", R"({"reason":[]})", R"({"reason":{}})", R"({"reason":false})"})
    EXPECT_FALSE(holds("reason", falsy)) << falsy;
  for (const char* truthy : {R"({"reason":"0"})", R"({"reason":" "})", R"({"reason":1})", R"({"reason":-1})",
                             R"({"reason":[0]})", R"({"reason":{"a":0}})", R"({"reason":true})",
                             R"({"reason":NaN})", R"({"reason":123456789012345678901234567890})"})
    EXPECT_TRUE(holds("reason", truthy)) << truthy;
}

TEST(Truthiness, AndOrGiveTheDecidingOperand) {
  EXPECT_EQ(value_of("reason or \"none\""), "none");
  EXPECT_EQ(value_of("reason or \"none\"", R"({"reason":"r"})"), "r");
  EXPECT_EQ(value_of("str(reason and os)", R"({"reason":"r"})"), "None");
  EXPECT_EQ(value_of("str(reason and os)", R"({"reason":0,"os":"x"})"), "0");
  EXPECT_EQ(value_of("str(not reason)", R"({"reason":""})"), "True");
  // Short-circuit: the right side is not evaluated when the left decides.
  EXPECT_TRUE(holds("reason or int(\"abc\")", R"({"reason":1})"));
  EXPECT_FALSE(holds("reason and int(\"abc\")", R"({})"));
}

// ---- literals and templates ----------------------------------------------------

TEST(Literals, Values) {
  EXPECT_EQ(value_of("str(null)"), "None");
  EXPECT_EQ(value_of("str(true)"), "True");
  EXPECT_EQ(value_of("str(false)"), "False");
  EXPECT_EQ(value_of("str(-42)"), "-42");
  EXPECT_EQ(value_of("str([1, \"a\", null, [],])"), "[1, 'a', None, []]");
  EXPECT_EQ(value_of("str(9223372036854775807)"), "9223372036854775807");
}

TEST(Templates, InterpolateWithPythonStr) {
  EXPECT_EQ(value_of(R"("{hang} {reason} {os} {threads} {crashing_thread}")",
                     R"({"hang":true,"reason":1.0,"os":null,"threads":{"a":[1]},"crashing_thread":1e16})"),
            "True 1.0 None {'a': [1]} 1e+16");
  EXPECT_EQ(value_of(R"("[{reason[1:3]}|{len(reason) + 1}]")", R"({"reason":"abcd"})"), "[bc|5]");
  EXPECT_EQ(value_of(R"("{"nested {reason}"}")", R"({"reason":"x"})"), "nested x");
}

TEST(Templates, EscapesAndBraces) {
  EXPECT_EQ(value_of(R"("a\"b\\c\td\ne\rf")"), "a\"b\\c\td\ne\rf");
  EXPECT_EQ(value_of(R"("{{literal}} {{ }}")"), "{literal} { }");
  EXPECT_EQ(value_of(R"("")"), "");
  EXPECT_EQ(value_of(R"("é ☃ 😀")"), "é ☃ 😀");
}

// ---- names -----------------------------------------------------------------------

TEST(Names, FieldsBuiltinsAndCrash) {
  EXPECT_EQ(value_of("str(reason)", R"({})"), "None");
  EXPECT_EQ(value_of("signature"), "sig");
  EXPECT_EQ(value_of("str(crash.some_annotation)", R"({"some_annotation":[1]})"), "[1]");
  EXPECT_EQ(value_of("str(crash)", R"({"a":1})"), "{'a': 1}");
  // Duplicate keys: the last one wins, as json.loads does.
  EXPECT_EQ(value_of("reason", R"({"reason":"x","reason":"y"})"), "y");
}

TEST(Names, ThreadIsTheCrashingThreadAsSocorroFindsIt) {
  const char* threads = R"("threads":[{"n":"zero"},{"n":"one"},{"n":"two"}])";
  auto thread_name = [&](const std::string& crashing) {
    return value_of("str(thread.n)", "{" + crashing + threads + "}");
  };
  EXPECT_EQ(thread_name(""), "zero");
  EXPECT_EQ(thread_name(R"("crashing_thread":1,)"), "one");
  EXPECT_EQ(thread_name(R"("crashing_thread":" 2 ",)"), "two");
  EXPECT_EQ(thread_name(R"("crashing_thread":-1,)"), "two");
  EXPECT_EQ(thread_name(R"("crashing_thread":"x",)"), "zero");
  EXPECT_EQ(thread_name(R"("crashing_thread":7,)"), "None");  // a missing thread is {}
  EXPECT_EQ(value_of("str(thread)", R"({"threads":{"0":{"a":1}}})"), "{'a': 1}");
  EXPECT_EQ(value_of("str(thread)", R"({"crashing_thread":1e999})"),
            "T: Rule failed: cannot convert float infinity to integer");
}

TEST(Names, SignatureReadInAnActionOutlivesLaterChanges) {
  Result r = run_rule("", "let before = signature\nstomp \"new\"\nlet after = signature\nnote \"{before} -> {after}\"",
                      "{}", "old");
  EXPECT_EQ(notes(r), "T: old -> new");
}

// ---- comparisons -----------------------------------------------------------------

TEST(Compare, EqualityIsPythons) {
  EXPECT_TRUE(holds("reason == 1", R"({"reason":1.0})"));
  EXPECT_TRUE(holds("reason == 1", R"({"reason":true})"));
  EXPECT_FALSE(holds("reason == \"1\"", R"({"reason":1})"));
  EXPECT_TRUE(holds("reason == null"));
  EXPECT_TRUE(holds("reason != null", R"({"reason":false})"));
  EXPECT_TRUE(holds("reason == [1, \"a\"]", R"({"reason":[1.0,"a"]})"));
  EXPECT_FALSE(holds("reason == reason", R"({"reason":NaN})"));
}

// Lists and dicts compare items as `a is b or a == b` (so do `in` on a list and
// the order of lists). Every NaN of the crash data (and of json()) is the one
// object json.loads makes; arithmetic makes a new one, which a variable keeps.
TEST(Compare, ANaNItemEqualsItself) {
  const char* crash = R"({"reason":NaN,"os":[NaN],"hang":Infinity})";
  EXPECT_FALSE(holds("reason == reason", crash));
  EXPECT_TRUE(holds("[reason] == [reason]", crash));
  EXPECT_TRUE(holds("[reason] == os", crash));
  EXPECT_TRUE(holds(R"(crash == json("{{\"hang\": Infinity, \"os\": [NaN], \"reason\": NaN}}"))", crash));
  EXPECT_TRUE(holds("os == json(\"[NaN]\")", crash));
  EXPECT_TRUE(holds("reason in os", crash));
  EXPECT_TRUE(holds("[reason, 1] < [reason, 2]", crash));
  EXPECT_TRUE(holds("[reason] <= [reason]", crash));
  EXPECT_FALSE(holds("[reason + 1] == [reason + 1]", crash));
  EXPECT_FALSE(holds("[-reason] == os", crash));
  EXPECT_FALSE(holds("[hang - hang] == [hang - hang]", crash));
  EXPECT_FALSE(holds("reason + 0.0 in os", crash));
  const char* same_object = "let x = hang - hang\nif [x] == [x] and x in [x] and x != x:\n  stomp \"yes\"\nend";
  EXPECT_EQ(run_rule("", same_object, crash).signature, "yes");
}

TEST(Compare, OrderingIsPythons) {
  EXPECT_TRUE(holds("1 < 2"));
  EXPECT_TRUE(holds("2 <= 2.0"));
  EXPECT_TRUE(holds("true > 0"));
  EXPECT_TRUE(holds("reason >= 262145", R"({"reason":123456789012345678901234567890})"));
  EXPECT_TRUE(holds("reason < 0", R"({"reason":-123456789012345678901234567890})"));
  EXPECT_TRUE(holds("\"B\" < \"a\""));
  EXPECT_TRUE(holds("\"z\" < \"é\""));
  EXPECT_TRUE(holds("[1, 2] < [1, 3]"));
  EXPECT_TRUE(holds("[1] < [1, 0]"));
  EXPECT_FALSE(holds("reason < 1 or reason >= 1", R"({"reason":NaN})"));
  EXPECT_EQ(value_of("str(\"1\" < 2)"), "T: Rule failed: '<' not supported between instances of 'str' and 'int'");
  EXPECT_EQ(value_of("str(reason >= 2)"), "T: Rule failed: '>=' not supported between instances of 'NoneType' and 'int'");
}

// Python compares an int with a float exactly; converting the int to a float
// (2**53 + 1 becomes 2.0**53) would make == and < disagree.
TEST(Compare, IntAndFloatCompareExactly) {
  EXPECT_FALSE(holds("9007199254740993 == 9007199254740992.0"));
  EXPECT_TRUE(holds("9007199254740993 != 9007199254740992.0"));
  EXPECT_TRUE(holds("9007199254740993 > 9007199254740992.0"));
  EXPECT_FALSE(holds("9223372036854775807 == 9223372036854775808.0"));
  EXPECT_TRUE(holds("9223372036854775807 < 9223372036854775808.0"));
  EXPECT_FALSE(holds("reason == 1.2345678901234568e29", R"({"reason":123456789012345678901234567890})"));
  EXPECT_TRUE(holds("reason > 1.2345678901234568e29", R"({"reason":123456789012345678901234567890})"));
  EXPECT_TRUE(holds("reason == 1180591620717411303424.0", R"({"reason":1180591620717411303424})"));
  EXPECT_FALSE(holds("reason >= -9223372036854775808.0", R"({"reason":-9223372036854775809})"));
  EXPECT_TRUE(holds("reason < 1e300 and reason > -1e300", R"({"reason":123456789012345678901234567890})"));
  EXPECT_TRUE(holds("reason < os and -reason > -os", R"({"reason":9223372036854775807,"os":1e999})"));
  EXPECT_FALSE(holds("reason in [9007199254740992.0]", R"({"reason":9007199254740993})"));
  EXPECT_FALSE(holds("[reason] == [9007199254740992.0]", R"({"reason":9007199254740993})"));
}

TEST(Compare, InAndContainsArePythonsIn) {
  EXPECT_TRUE(holds("\"DATA\" in reason", R"({"reason":"STATUS_DEVICE_DATA_ERROR"})"));
  EXPECT_TRUE(holds("reason contains \"DATA\"", R"({"reason":"STATUS_DEVICE_DATA_ERROR"})"));
  EXPECT_FALSE(holds("reason contains \"DATA\"", R"({"reason":["STATUS_DEVICE_DATA_ERROR!"]})"));
  EXPECT_TRUE(holds("reason contains \"x\"", R"({"reason":["x"]})"));
  EXPECT_TRUE(holds("reason contains \"k\"", R"({"reason":{"k":0}})"));
  EXPECT_TRUE(holds("reason in [\"a\", 1]", R"({"reason":1.0})"));
  EXPECT_TRUE(holds("reason not in [\"a\", 1]", R"({"reason":[1]})"));
  EXPECT_FALSE(holds("1 in reason", R"({"reason":{"1":0}})"));
  EXPECT_EQ(value_of("str(reason contains \"x\")", R"({"reason":5})"),
            "T: Rule failed: argument of type 'int' is not iterable");
  EXPECT_EQ(value_of("str(1 in \"x\")"), "T: Rule failed: 'in <string>' requires string as left operand, not int");
  EXPECT_EQ(value_of("str([1] in crash)"), "T: Rule failed: unhashable type: 'list'");
}

TEST(Compare, StartsWithAndEndsWith) {
  EXPECT_TRUE(holds("signature startswith \"EMPTY\"", "{}", "EMPTY: no frame"));
  EXPECT_FALSE(holds("signature startswith \"EMPTY\"", "{}", "EMPT"));
  EXPECT_TRUE(holds("signature endswith \"frame\"", "{}", "EMPTY: no frame"));
  EXPECT_EQ(value_of("str(reason startswith \"a\")", R"({"reason":1})"),
            "T: Rule failed: 'int' object has no attribute 'startswith'");
  EXPECT_EQ(value_of("str(reason endswith 1)", R"({"reason":"a"})"),
            "T: Rule failed: endswith first arg must be str or a tuple of str, not int");
}

TEST(Compare, NotAndPrecedence) {
  EXPECT_TRUE(holds("not reason in [\"a\"]", R"({"reason":"b"})"));
  EXPECT_TRUE(holds("not not reason", R"({"reason":"b"})"));
  EXPECT_TRUE(holds("true or false and false"));
  EXPECT_FALSE(holds("(true or false) and false"));
  EXPECT_TRUE(holds("1 + 2 == 3"));
}

// ---- arithmetic, indexing, slicing -------------------------------------------------

TEST(Arithmetic, AddAndSubtract) {
  EXPECT_EQ(value_of("\"a\" + \"b\""), "ab");
  EXPECT_EQ(value_of("str([1] + [2])"), "[1, 2]");
  EXPECT_EQ(value_of("str(1 + 2 - 4)"), "-1");
  EXPECT_EQ(value_of("str(1 + 0.5)"), "1.5");
  EXPECT_EQ(value_of("str(true + 1)"), "2");
  EXPECT_EQ(value_of("str(-reason)", R"({"reason":2.5})"), "-2.5");
  EXPECT_EQ(value_of("\"a\" + 1"), "T: Rule failed: can only concatenate str (not \"int\") to str");
  EXPECT_EQ(value_of("str([] + null)"), "T: Rule failed: can only concatenate list (not \"NoneType\") to list");
  EXPECT_EQ(value_of("str(1 - \"a\")"), "T: Rule failed: unsupported operand type(s) for -: 'int' and 'str'");
  EXPECT_EQ(value_of("str(-\"a\")"), "T: Rule failed: bad operand type for unary -: 'str'");
  EXPECT_EQ(value_of("str(9223372036854775807 + 1)"), "T: Rule failed: integer result does not fit in 64 bits");
}

// Python turns the int of `int + float` into a float first (to the nearest, ties
// to even), then adds two floats: 2**53 + 1 becomes 2.0**53 before 0.5 is added.
TEST(Arithmetic, AnIntMeetsAFloatAsAFloat) {
  EXPECT_EQ(value_of("str(9007199254740993 + 0.5)"), "9007199254740992.0");
  EXPECT_EQ(value_of("str(0.5 + 9007199254740993)"), "9007199254740992.0");
  EXPECT_EQ(value_of("str(9007199254740995 - 0.5)"), "9007199254740996.0");
  EXPECT_EQ(value_of("str(0.5 - 9007199254740993)"), "-9007199254740992.0");
  EXPECT_EQ(value_of("str(true + 0.5)"), "1.5");
  EXPECT_EQ(value_of("str(reason - 0.5)", R"({"reason":-9223372036854775809})"), "-9.223372036854776e+18");
  EXPECT_EQ(value_of("str(reason + 0.5)", R"({"reason":123456789012345678901234567890})"),
            "1.2345678901234568e+29");
}

// The sum of two floats is rounded once, to a float: 1 + (2**-53 + 2**-105) is
// just above halfway between 1.0 and the next float, so it rounds up.
TEST(Arithmetic, FloatsAreRoundedOnce) {
  EXPECT_EQ(value_of("str(1.0 + 1.1102230246251568e-16)"), "1.0000000000000002");
  EXPECT_EQ(value_of("str(1.0 - -1.1102230246251568e-16)"), "1.0000000000000002");
}

// float(int) raises OverflowError when the int rounds beyond the largest float,
// whatever the other operand (inf included).
TEST(Arithmetic, AnIntTooLargeForAFloatRaises) {
  // 2**1024 - 2**970, halfway between the largest float and 2**1024, rounds up
  // (to even) and overflows; one less rounds down to the largest float.
  const std::string halfway =
      "1797693134862315807937289714053034150799341327100378269361737789804449682927647509466490179775872070963302864"
      "1669288791094655554785194040263065748867150582068190890200070838367627385484581771153176447573027006985557136"
      "6959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792";
  const std::string below = halfway.substr(0, halfway.size() - 1) + "1";
  EXPECT_EQ(value_of("str(reason + 0.0)", R"({"reason":)" + below + "}"), "1.7976931348623157e+308");
  EXPECT_EQ(value_of("str(reason + 0.0)", R"({"reason":)" + halfway + "}"),
            "T: Rule failed: int too large to convert to float");
  EXPECT_EQ(value_of("str(0.0 - reason)", R"({"reason":-)" + halfway + "}"),
            "T: Rule failed: int too large to convert to float");
  EXPECT_EQ(value_of("str(reason + os)", R"({"reason":)" + halfway + R"(,"os":1e999})"),
            "T: Rule failed: int too large to convert to float");
  EXPECT_EQ(run_rule("", "try:\n  stomp str(reason + 0.5)\nexcept OverflowError as e:\n  stomp \"{e}\"\nend",
                     R"({"reason":)" + halfway + "}")
                .signature,
            "int too large to convert to float");
}

TEST(Subscripts, IndexInCodePoints) {
  const char* crash = R"({"reason":"h\u00e9llo","threads":[1,2,3],"os":{"k":"v"}})";
  EXPECT_EQ(value_of("reason[1]", crash), "é");
  EXPECT_EQ(value_of("reason[-1]", crash), "o");
  EXPECT_EQ(value_of("str(threads[-3])", crash), "1");
  EXPECT_EQ(value_of("os[\"k\"]", crash), "v");
  EXPECT_EQ(value_of("reason[5]", crash), "T: Rule failed: string index out of range");
  EXPECT_EQ(value_of("str(threads[3])", crash), "T: Rule failed: list index out of range");
  EXPECT_EQ(value_of("os[\"x\"]", crash), "T: Rule failed: 'x'");
  EXPECT_EQ(value_of("str(os[0])", crash), "T: Rule failed: 0");
  EXPECT_EQ(value_of("str(threads[\"a\"])", crash), "T: Rule failed: list indices must be integers");
  EXPECT_EQ(value_of("str(hang[0])", crash), "T: Rule failed: 'NoneType' object is not subscriptable");
}

TEST(Subscripts, SlicesClampLikePython) {
  const char* crash = R"({"reason":"h\u00e9llo","threads":[1,2,3],"os":{"k":"v"},"hang":5})";
  EXPECT_EQ(value_of("reason[1:3]", crash), "él");
  EXPECT_EQ(value_of("reason[:2]", crash), "hé");
  EXPECT_EQ(value_of("reason[-2:]", crash), "lo");
  EXPECT_EQ(value_of("reason[3:1]", crash), "");
  EXPECT_EQ(value_of("reason[:100]", crash), "héllo");
  EXPECT_EQ(value_of("reason[:]", crash), "héllo");
  EXPECT_EQ(value_of("str(threads[1:])", crash), "[2, 3]");
  EXPECT_EQ(value_of("str(threads[-100:-2])", crash), "[1]");
  EXPECT_EQ(value_of("str(os[:1])", crash), "T: Rule failed: unhashable type: 'slice'");
  EXPECT_EQ(value_of("str(hang[:1])", crash), "T: Rule failed: 'int' object is not subscriptable");
  EXPECT_EQ(value_of("reason[\"a\":]", crash),
            "T: Rule failed: slice indices must be integers or None or have an __index__ method");
}

TEST(Subscripts, MemberIsDictGet) {
  EXPECT_EQ(value_of("str(crash.missing)"), "None");
  EXPECT_EQ(value_of("str(os.a.b)", R"({"os":{"a":{"b":2}}})"), "2");
  EXPECT_EQ(value_of("str(os.a)", R"({"os":[1]})"), "T: Rule failed: 'list' object has no attribute 'get'");
  EXPECT_EQ(value_of("str(os.a)", R"({})"), "T: Rule failed: 'NoneType' object has no attribute 'get'");
}

// ---- actions -------------------------------------------------------------------------

TEST(Actions, ChangeTheSignatureAndLogEachChange) {
  Result r = run_rule("", "prepend \"a | \"\nappend \" | z\"\nnote \"was {signature}\"\nstomp \"new\"", "{}", "s");
  EXPECT_EQ(r.signature, "new");
  EXPECT_EQ(notes(r), "T: was a | s | z");
  const std::vector<std::string> log = {
      "T: change signature: \"s\" -> \"a | s\"",
      "T: change signature: \"a | s\" -> \"a | s | z\"",
      "T: change signature: \"a | s | z\" -> \"new\"",
  };
  EXPECT_EQ(r.debug_log, log);
}

TEST(Actions, TakeAnyValueAsText) {
  EXPECT_EQ(run_rule("", "stomp hang", R"({"hang":[1, "x"]})").signature, "[1, 'x']");
  EXPECT_EQ(run_rule("", "append reason", R"({"reason":null})").signature, "sigNone");
}

TEST(Actions, AFailureLeavesEarlierChangesAndNotesTheReason) {
  Result r = run_rule("", "prepend \"a | \"\nstomp str(int(reason))\nappend \"never\"", R"({"reason":"abc"})", "s");
  EXPECT_EQ(r.signature, "a | s");
  EXPECT_EQ(notes(r), "T: Rule failed: invalid literal for int() with base 10: 'abc'");
}

TEST(Actions, AFailingConditionIsARuleFailure) {
  Result r = run_rule("int(reason) > 1", "stomp \"x\"", R"({"reason":[1]})");
  EXPECT_EQ(r.signature, "sig");
  EXPECT_EQ(notes(r), "T: Rule failed: int() argument must be a string, a bytes-like object or a real number, not 'list'");
}

// ---- statements ------------------------------------------------------------------------

TEST(Statements, IfElifElse) {
  const char* then =
      "if reason == 1:\n  stomp \"one\"\nelif reason == 2:\n  stomp \"two\"\nelif reason:\n  stomp \"many\"\n"
      "else:\n  stomp \"none\"\nend";
  EXPECT_EQ(run_rule("", then, R"({"reason":1})").signature, "one");
  EXPECT_EQ(run_rule("", then, R"({"reason":2})").signature, "two");
  EXPECT_EQ(run_rule("", then, R"({"reason":3})").signature, "many");
  EXPECT_EQ(run_rule("", then, R"({})").signature, "none");
  EXPECT_EQ(run_rule("", "if reason:\nend\nif reason: note \"x\" end", R"({})").signature, "sig");
}

TEST(Statements, LetBindsAndRebinds) {
  EXPECT_EQ(run_rule("", "let x = 1\nlet x = x + 1\nlet y = [x, x]\nstomp \"{x} {y}\"", "{}").signature, "2 [2, 2]");
  // Set on every path, so usable after the if.
  EXPECT_EQ(run_rule("", "if reason:\n let x = \"a\"\nelse:\n let x = \"b\"\nend\nstomp x", "{}").signature, "b");
}

TEST(Statements, ForIteratesLikePython) {
  const char* then = "let out = []\nfor item in reason:\n  let out = out + [str(item)]\nend\nstomp join(out, \",\")";
  EXPECT_EQ(run_rule("", then, R"({"reason":[1,"a",null]})").signature, "1,a,None");
  EXPECT_EQ(run_rule("", then, R"({"reason":{"k1":1,"k2":2}})").signature, "k1,k2");
  EXPECT_EQ(run_rule("", then, R"({"reason":"h\u00e9"})").signature, "h,é");
  EXPECT_EQ(run_rule("", then, R"({"reason":[]})").signature, "");
  EXPECT_EQ(notes(run_rule("", then, R"({"reason":3})")), "T: Rule failed: 'int' object is not iterable");
}

TEST(Statements, TryCatchesTheNamedKinds) {
  const char* then =
      "try:\n  stomp str(int(reason))\nexcept TypeError:\n  stomp \"type\"\n"
      "except ValueError, OverflowError as e:\n  stomp \"value: {e}\"\nend";
  EXPECT_EQ(run_rule("", then, R"({"reason":"12"})").signature, "12");
  EXPECT_EQ(run_rule("", then, R"({"reason":null})").signature, "type");
  EXPECT_EQ(run_rule("", then, R"({"reason":"x"})").signature, "value: invalid literal for int() with base 10: 'x'");
  EXPECT_EQ(run_rule("", then, R"({"reason":1e999})").signature, "value: cannot convert float infinity to integer");
}

TEST(Statements, TryLetsOtherKindsFailTheRule) {
  const char* then = "try:\n  stomp os[\"k\"]\nexcept ValueError:\n  stomp \"v\"\nend";
  EXPECT_EQ(notes(run_rule("", then, R"({"os":{}})")), "T: Rule failed: 'k'");
  EXPECT_EQ(run_rule("", "try:\n stomp os[\"k\"]\nexcept Exception as e:\n stomp \"caught {e}\"\nend", R"({"os":{}})")
                .signature,
            "caught 'k'");
  EXPECT_EQ(run_rule("", "try:\n stomp os[0]\nexcept IndexError:\n stomp \"i\"\nexcept KeyError:\n stomp \"k\"\nend",
                     R"({"os":{}})")
                .signature,
            "k");
}

TEST(Statements, TryKeepsWhatRanBeforeTheFailure) {
  const char* then =
      "let parts = [\"a\"]\ntry:\n  let parts = parts + [\"b\"]\n  let parts = parts + [str(int(reason))]\n"
      "except ValueError:\n  let parts = parts + [\"failed\"]\nend\nstomp join(parts, \" | \")";
  EXPECT_EQ(run_rule("", then, R"({"reason":"x"})").signature, "a | b | failed");
  EXPECT_EQ(run_rule("", then, R"({"reason":"3"})").signature, "a | b | 3");
}

// A native rule for `rerun`: records the crash data it was given.
class RecordingRule : public Rule {
 public:
  std::string_view name() const override { return "Recorder"; }
  std::string_view doc() const override { return "test"; }
  void action(const Value& crash, Result& result) const override {
    result.note("Recorder", to_json(crash));
    result.set_signature("Recorder", "rebuilt");
  }
};

TEST(Statements, RerunRunsANativeRuleOnOverriddenCrashData) {
  std::vector<std::string> requested;
  Environment environment{[&](std::string_view name) -> std::shared_ptr<const Rule> {
    requested.emplace_back(name);
    return std::make_shared<RecordingRule>();
  }};
  auto rule = compile_text(rule_text("", "rerun Recorder with crashing_thread = 0, os = \"x{os}\"\nprepend \"p | \""),
                           environment);
  EXPECT_EQ(requested, std::vector<std::string>{"Recorder"});

  Result r = run(*rule, R"({"crashing_thread":3,"reason":"r","os":"o"})", "s");
  EXPECT_EQ(notes(r), R"(Recorder: {"crashing_thread":0,"reason":"r","os":"xo"})");
  EXPECT_EQ(r.signature, "p | rebuilt");
  const std::vector<std::string> log = {"Recorder: change signature: \"s\" -> \"rebuilt\"",
                                        "T: change signature: \"rebuilt\" -> \"p | rebuilt\""};
  EXPECT_EQ(r.debug_log, log);
  // A field the crash does not have is added.
  EXPECT_EQ(notes(run(*rule, R"({"reason":"r"})")), R"(Recorder: {"reason":"r","crashing_thread":0,"os":"xNone"})");
}

}  // namespace
}  // namespace crashsig::dsl::test
