namespace Honeydipper.KubeApi.Emulator.Tests.Kubectl;

/// <summary>How a kubectl run ended.</summary>
internal sealed record KubectlResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout:\n{Stdout}\nstderr:\n{Stderr}";
}
