namespace Honeydipper.Core.Values;

/// <summary>
/// A value made by a template function that stands for a Go type of its own (a semantic version, a certificate): it
/// names its Go type and kind for <c>typeOf</c>/<c>kindOf</c> and prints the way Go's <c>String()</c> method does.
/// </summary>
public interface IGoValue
{
    /// <summary>Go's <c>%T</c>, e.g. <c>*semver.Version</c>.</summary>
    string GoTypeName { get; }

    /// <summary>Go's <c>reflect.Kind</c> name, e.g. <c>ptr</c> or <c>struct</c>.</summary>
    string GoKind { get; }

    /// <summary>What <c>%v</c> prints.</summary>
    string GoString();
}
