using System.Net;
using System.Text.Json;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Honeydipper.Api.Tests;

/// <summary>
/// The dashboard in Debian's Chromium driven by Playwright: a run started through the API appears, its phase changes
/// without a reload, and its page shows the step tree. A screenshot of each page goes to TestResults/dashboard.
/// </summary>
public sealed class DashboardTests
{
    private const string Chromium = "/usr/bin/chromium";
    private static readonly string Shots = Path.Combine(RepoPaths.RepoRoot, "TestResults", "dashboard");

    [Fact]
    public async Task The_dashboard_lists_a_run_started_through_the_api_updates_its_phase_live_and_opens_its_step_tree()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: scripts/ensure-tools.sh installs Debian's chromium (apt-get install -y chromium)");
        Directory.CreateDirectory(Shots);
        Auth.StaticTokens loopback = Auth.StaticTokens.LoopbackOnly();
        await using ApiFixture f = await ApiFixture.StartAsync(authenticator: loopback, authorizer: loopback);
        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        IPage page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 800 } });
        await page.GotoAsync(new Uri(f.Address, "/#/runs").ToString());
        await Expect(page.Locator("#status")).ToHaveTextAsync("live");
        await page.EvaluateAsync("() => { window.sameDocument = true; }"); // gone if the page reloads

        HttpResponseMessage started = await f.Client.PostAsync("/api/v1/namespaces/local/runs", ApiFixture.Json(new { workflow = "greet", with = new { name = "Ada" } }));
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        string id = (await ApiFixture.ReadAsync(started)).GetProperty("id").GetString()!;
        ILocator row = page.Locator($"tr[data-run='{id}']");
        await Expect(row.Locator(".phase")).ToHaveTextAsync("Running");
        await Expect(row).ToContainTextAsync("greet");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "runs-running.png"), FullPage = true });

        f.Release();
        await Expect(row.Locator(".phase")).ToHaveTextAsync("Succeeded");
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"), "the phase changed without a reload");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "runs.png"), FullPage = true });

        // By keyboard: focus the run's link and press Enter.
        await row.Locator("a").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        ILocator tree = page.GetByRole(AriaRole.Tree, new PageGetByRoleOptions { Name = "Steps" });
        await Expect(tree).ToBeVisibleAsync();
        await Expect(tree).ToContainTextAsync("worker.hold");
        Assert.True(await tree.GetByRole(AriaRole.Treeitem).CountAsync() >= 3, "the step tree shows the workflow, its steps and their calls");
        await Expect(page.Locator("#run-phase")).ToHaveTextAsync("Succeeded");
        await Expect(page.GetByLabel("Exported data")).ToContainTextAsync("hello Ada");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "run.png"), FullPage = true });

        foreach ((string section, string expected) in new[] { ("workflows", "holds, then greets"), ("rules", "webhook."), ("drivers", "worker") })
        {
            await page.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = section[0..1].ToUpperInvariant() + section[1..], Exact = true }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Table)).ToContainTextAsync(expected);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, section + ".png"), FullPage = true });
        }

        foreach (string shot in new[] { "runs.png", "run.png", "workflows.png", "rules.png", "drivers.png" })
        {
            Assert.True(new FileInfo(Path.Combine(Shots, shot)).Length > 1000, $"{shot} was saved");
        }
    }

    [Fact]
    public async Task A_running_run_is_cancelled_from_its_page_after_confirmation()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: scripts/ensure-tools.sh installs Debian's chromium (apt-get install -y chromium)");
        Directory.CreateDirectory(Shots);
        Auth.StaticTokens loopback = Auth.StaticTokens.LoopbackOnly();
        await using ApiFixture f = await ApiFixture.StartAsync(authenticator: loopback, authorizer: loopback);
        HttpResponseMessage started = await f.Client.PostAsync("/api/v1/namespaces/local/runs", ApiFixture.Json(new { workflow = "greet" }));
        string id = (await ApiFixture.ReadAsync(started)).GetProperty("id").GetString()!;

        using IPlaywright playwright = await Playwright.CreateAsync();
        await using IBrowser browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox"] });
        IPage page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 800 } });
        List<string> asked = [];
        page.Dialog += async (_, dialog) =>
        {
            asked.Add(dialog.Message);
            await dialog.AcceptAsync();
        };
        await page.GotoAsync(new Uri(f.Address, $"/#/runs/{id}").ToString());
        await Expect(page.Locator("#run-phase")).ToHaveTextAsync("Running");
        await page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Cancel run" }).ClickAsync();
        await Expect(page.Locator("#run-phase")).ToHaveTextAsync("Cancelled");
        await Expect(page.Locator("#cancel-run")).ToHaveCountAsync(0);
        await Expect(page.Locator("main")).ToContainTextAsync("cancelled by");
        Assert.Contains($"Cancel run {id}", Assert.Single(asked), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Shots, "run-cancelled.png"), FullPage = true });

        JsonElement run = await ApiFixture.ReadAsync(await f.Client.GetAsync($"/api/v1/namespaces/local/runs/{id}"));
        Assert.Equal("Cancelled", run.GetProperty("phase").GetString());
    }
}
