using Honeydipper.KubeApi.Emulator;

namespace Honeydipper.Drivers.Tests.Support;

/// <summary>One emulated cluster per test class; each test works in its own namespace.</summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public KubeApiEmulator Emulator { get; private set; } = null!;

    public async Task InitializeAsync() => Emulator = await KubeApiEmulator.StartAsync();

    public async Task DisposeAsync() => await Emulator.DisposeAsync();
}
