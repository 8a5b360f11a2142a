namespace Honeydipper.Core.Interpolation;

/// <summary>
/// A value that cannot be interpolated. Messages follow the original's (<c>config error: invalid path: ctx.foo</c>,
/// <c>failed to interpolate: template: go:1:3: ...</c>); the template or YAML error, if any, is the inner exception.
/// </summary>
public sealed class InterpolationException : Exception
{
    public InterpolationException()
    {
    }

    public InterpolationException(string message)
        : base(message)
    {
    }

    public InterpolationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
