using Honeydipper.Core.Values;

namespace Honeydipper.Core.Tests.Values;

public class TruthinessTests
{
    public static TheoryData<object?, bool> Flags() => new()
    {
        { true, true },
        { "true", true },
        { " TRUE ", true },
        { "True", true },
        { false, false },
        { null, false },
        { "", false },
        { "  ", false },
        { "false", false },
        { "some random string", false },
        { "yes", false },
        { 1, false },
        { 0, false },
        { -3.0, false },
        { new Dictionary<string, object?>(), false },
        { new List<object?> { true }, false },
    };

    [Theory]
    [MemberData(nameof(Flags))]
    public void IsTruthy_accepts_only_true(object? value, bool expected) => Assert.Equal(expected, Truthiness.IsTruthy(value));

    [Theory]
    [InlineData("", false)]
    [InlineData("false", false)]
    [InlineData("FALSE ", false)]
    [InlineData("nil", false)]
    [InlineData("0", false)]
    [InlineData("{}", false)]
    [InlineData("[]", false)]
    [InlineData("<no value>", false)]
    [InlineData(" <No Value> ", false)]
    [InlineData(null, false)]
    [InlineData("no", true)]
    [InlineData("off", true)]
    [InlineData("map[]", true)]
    [InlineData("1", true)]
    [InlineData("yes", true)]
    [InlineData("00", true)]
    [InlineData("true", true)]
    public void Workflow_condition_truthiness(string? value, bool expected) => Assert.Equal(expected, Truthiness.IsConditionTrue(value));

    // TestSessionConditions (semantics §2.7): the interpolated strings of if/if_any/unless/unless_all.
    [Theory]
    [InlineData("if", new[] { "yes", "1", "true" }, true)]
    [InlineData("if", new[] { "yes", "0", "true" }, false)]
    [InlineData("if_any", new[] { "nil", "0", "true" }, true)]
    [InlineData("if_any", new[] { "nil", "0", "" }, false)]
    [InlineData("unless", new[] { "nil", "0", "" }, true)]
    [InlineData("unless", new[] { "nil", "1", "" }, false)]
    [InlineData("unless_all", new[] { "true", "1", "yes" }, false)]
    [InlineData("unless_all", new[] { "nil", "1", "" }, true)]
    public void Session_condition_table(string kind, string[] values, bool expected)
    {
        bool result = kind switch
        {
            "if" => values.All(Truthiness.IsConditionTrue),
            "if_any" => values.Any(Truthiness.IsConditionTrue),
            "unless" => !values.Any(Truthiness.IsConditionTrue),
            _ => !values.All(Truthiness.IsConditionTrue),
        };
        Assert.Equal(expected, result);
    }
}
