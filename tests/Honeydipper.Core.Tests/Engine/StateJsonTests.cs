using Honeydipper.Core.Engine.State;

namespace Honeydipper.Core.Tests.Engine;

public sealed class StateJsonTests
{
    [Fact]
    public void Numbers_keep_their_kind_through_a_round_trip()
    {
        Dictionary<string, object?> state = new()
        {
            ["loop_count"] = 2,
            ["big"] = 5_000_000_000L,
            ["counter"] = 3.0,
            ["half"] = 0.5,
            ["tiny"] = 1e-30,
            ["list"] = new List<object?> { 1, 1.0, "1", true, null },
            ["nested"] = new Dictionary<string, object?> { ["s"] = "quote \" and \\ and ünicode" },
        };
        var back = Assert.IsType<Dictionary<string, object?>>(StateJson.Deserialize(StateJson.Serialize(state)));
        Assert.IsType<int>(back["loop_count"]);
        Assert.Equal(2, back["loop_count"]);
        Assert.IsType<long>(back["big"]);
        Assert.IsType<double>(back["counter"]);
        Assert.Equal(3.0, back["counter"]);
        Assert.Equal(0.5, back["half"]);
        Assert.Equal(1e-30, back["tiny"]);
        Assert.Equal(new List<object?> { 1, 1.0, "1", true, null }, back["list"]);
        Assert.IsType<int>(((List<object?>)back["list"]!)[0]);
        Assert.IsType<double>(((List<object?>)back["list"]!)[1]);
        Assert.Equal("quote \" and \\ and ünicode", ((Dictionary<string, object?>)back["nested"]!)["s"]);
    }
}
