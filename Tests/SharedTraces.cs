namespace NodeSim.Tests;

/// <summary>
/// The real traces beside the project (../shared/traces). Tests that need them are skipped when absent
/// on a developer's machine; under CI (CI=true), which always has them, an absent trace fails the test.
/// </summary>
public static class SharedTraces
{
    private static readonly string? Directory = Find();

    private static string? Find()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
        {
            var candidate = Path.Combine(d.FullName, "shared", "traces");
            if (System.IO.Directory.Exists(candidate)) return candidate;
        }
        return null;
    }

    /// <summary>The path of <paramref name="file"/>, or the test is ignored with a message.</summary>
    public static string Require(string file)
    {
        var path = Directory is null ? null : Path.Combine(Directory, file);
        if (path is null || !File.Exists(path))
        {
            if (Environment.GetEnvironmentVariable("CI") == "true")
                Assert.Fail($"../shared/traces/{file} is not present, and CI always has it: this test reproduces a result from it");
            Assert.Ignore($"../shared/traces/{file} is not present; this test reproduces a result from it and is skipped.");
        }
        return path!;
    }
}

/// <summary>A temporary directory for a test's files, deleted afterwards.</summary>
public sealed class TempDir : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "nodesim-tests-" + Guid.NewGuid().ToString("N"));

    public TempDir() => Directory.CreateDirectory(Path);

    public string File(string name, string? content = null)
    {
        var path = System.IO.Path.Combine(Path, name);
        if (content is not null) System.IO.File.WriteAllText(path, content);
        return path;
    }

    public void Dispose()
    {
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
