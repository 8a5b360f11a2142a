using Honeydipper.Core.Values;

namespace Honeydipper.Core.Tests.Values;

public class DataTreeTests
{
    [Fact]
    public void DeepCopy_copies_nested_maps_and_lists()
    {
        Dictionary<string, object?> original = new() { ["a"] = new List<object?> { "x", new Dictionary<string, object?> { ["b"] = 1.0 } } };
        var copy = (Dictionary<string, object?>)DataTree.DeepCopy(original)!;
        var list = (List<object?>)copy["a"]!;
        ((Dictionary<string, object?>)list[1]!)["b"] = 2.0;
        Assert.Equal(1.0, ((Dictionary<string, object?>)((List<object?>)original["a"]!)[1]!)["b"]);
    }
}
