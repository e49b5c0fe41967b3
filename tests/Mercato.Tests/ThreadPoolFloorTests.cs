using Mercato.Hosting;

namespace Mercato.Tests;

public sealed class ThreadPoolFloorTests
{
    [Fact]
    public async Task TheServer_KeepsAFloorOfWorkers_SoStoreCallsThatBlockDoNotMakeRequestsWaitForAThread()
    {
        using var dir = new TempDir();
        var overrides = new Dictionary<string, string?>
        {
            ["Mercato:DataDir"] = dir.Path, ["Mercato:Urls"] = "http://127.0.0.1:0", ["Mercato:NoAuth"] = "true", ["Mercato:NoDemo"] = "true",
        };

        var (app, exit) = await MercatoHost.BuildAsync([], overrides, TextWriter.Null);
        Assert.Equal(0, exit);
        await using (app!)
        {
            // The pool's own floor is one worker per core: far below this on any machine the suite runs on.
            ThreadPool.GetMinThreads(out var workers, out _);
            Assert.True(workers >= ThreadPoolFloor.MinWorkers, "min workers " + workers);
        }
    }
}
