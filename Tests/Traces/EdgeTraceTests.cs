using System.IO.Compression;
using NodeSim.Traces.Edge;

namespace NodeSim.Tests.Traces;

public class EdgeTraceTests
{
    private static EdgeTrace Read(string content)
    {
        using var dir = new TempDir();
        return CsvTraceReader.Read(dir.File("t.csv", content));
    }

    private static string Message(string content)
    {
        using var dir = new TempDir();
        var path = dir.File("t.csv", content);
        return Assert.Throws<UserInputException>(() => CsvTraceReader.Read(path))!.Message.Replace(path, "t.csv");
    }

    [Test]
    public void AzureLlmWithCrlfAndNoFinalNewline()
    {
        var t = Read("TIMESTAMP,ContextTokens,GeneratedTokens\r\n2023-11-16 18:17:03.9799600,4808,10\r\n2023-11-16 18:17:04.0319600,3180,8");
        Assert.That(t.Format, Is.EqualTo("azure-llm"));
        Assert.That(t.Requests.Select(r => r.ArrivalSeconds), Is.EqualTo(new[] { 0, 0.052 }).Within(1e-9));
        Assert.That(t.Requests[1].ContextTokens, Is.EqualTo(3180));
        Assert.That(t.Requests[1].GeneratedTokens, Is.EqualTo(8));
        Assert.That(t.Requests[0].ServiceSeconds, Is.Null);
    }

    [Test]
    public void AzureFunctionsArrivalIsEndMinusDurationSortedStably()
    {
        var t = Read("app,func,end_timestamp,duration\na,f1,10.0,4.0\nb,f2,5.0,1.0\nc,f3,7.0,1.0\nd,f4,3.0,2.0");
        // Arrivals: a 6, b 4, c 6, d 1; a and c tie at 6 and keep their file order.
        Assert.That(t.Requests.Select(r => r.App), Is.EqualTo(new[] { "d", "b", "a", "c" }));
        Assert.That(t.Requests.Select(r => r.ArrivalSeconds), Is.EqualTo(new[] { 1.0, 4.0, 6.0, 6.0 }));
        Assert.That(t.Requests[0].ServiceSeconds, Is.EqualTo(2.0));
    }

    [Test]
    public void AlibabaPodsFlagNeverScheduledPods()
    {
        var t = Read("name,cpu_milli,memory_mib,num_gpu,gpu_milli,gpu_spec,qos,pod_phase,creation_time,deletion_time,scheduled_time\n" +
                     "p0,12000,16384,1,1000,,LS,Running,0,100,10\np1,6000,1024,0,0,,BE,Pending,5,50,\n");
        Assert.That(t.Requests[0].ServiceSeconds, Is.EqualTo(90));
        Assert.That(t.Requests[0].NeverScheduled, Is.False);
        Assert.That(t.Requests[1].NeverScheduled, Is.True);
        Assert.That(t.Requests[1].ServiceSeconds, Is.Null);
        Assert.That(t.Requests[1].Qos, Is.EqualTo("BE"));
    }

    [Test]
    public void BadFieldsNameLineColumnAndExpectation()
    {
        Assert.That(Message("app,func,end_timestamp,duration\na,f,10.0,4.0\nb,f,x1,1.0\n"),
            Is.EqualTo("t.csv:3: column 3 (end_timestamp): 'x1' is not a number; expected a number"));
        Assert.That(Message("TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:17,4808,10\n"),
            Is.EqualTo("t.csv:2: column 1 (TIMESTAMP): '2023-11-16 18:17' is not a timestamp; expected yyyy-MM-dd HH:mm:ss.fffffff"));
        Assert.That(Message("TIMESTAMP,ContextTokens,GeneratedTokens\n2023-11-16 18:17:03.9799600,-3,10\n"),
            Is.EqualTo("t.csv:2: column 2 (ContextTokens): '-3' is below 0; expected a whole number ≥ 0"));
        Assert.That(Message("app,func,end_timestamp,duration\na,f,10.0\n"),
            Is.EqualTo("t.csv:2: expected 4 comma-separated fields, found 3"));
    }

    [Test]
    public void UnknownHeadersAndEmptyFilesAreRejected()
    {
        Assert.That(Message("time,tokens\n1,2\n"), Does.StartWith("t.csv:1: unknown header 'time,tokens'; expected one of: azure-llm: TIMESTAMP,ContextTokens,GeneratedTokens"));
        Assert.That(Message(""), Does.StartWith("t.csv: no requests (the file is empty or has only a header)"));
        Assert.That(Message("app,func,end_timestamp,duration\n"), Does.StartWith("t.csv: no requests"));
    }

    [Test]
    public void NodeSimEdgeCsvRoundTrips()
    {
        using var dir = new TempDir();
        var path = dir.File("e.csv");
        using (var f = File.Create(path))
            EdgeTraceWriter.Write(f, [new EdgeRequest("q0", 0.5, 1.25), new EdgeRequest("q1", 2.0, null)]);
        Assert.That(File.ReadAllText(path), Does.StartWith("id,arrival_s,service_s\nq0,0.5,1.25\n"));
        var back = CsvTraceReader.Read(path);
        Assert.That(back.Format, Is.EqualTo("nodesim-edge"));
        Assert.That(back.Requests, Is.EqualTo(new[] { new EdgeRequest("q0", 0.5, 1.25), new EdgeRequest("q1", 2.0, null) }));
    }

    [TestCase("azure-llm-inference-2023-code.csv.gz", "azure-llm", 8819, 0)]
    [TestCase("azure-functions-2021-excerpt199.csv.gz", "azure-functions", 199, 0)]
    [TestCase("alibaba-gpu-v2023-openb_pod_list_default.csv.gz", "alibaba-pods", 8152, 897)]
    public void TheSharedEdgeTracesReadCompletely(string file, string format, int requests, int neverScheduled)
    {
        var t = CsvTraceReader.Read(SharedTraces.Require(file));
        Assert.That(t.Format, Is.EqualTo(format));
        Assert.That(t.Requests, Has.Count.EqualTo(requests));
        Assert.That(t.Requests.Count(r => r.NeverScheduled), Is.EqualTo(neverScheduled));
        Assert.That(t.Requests.Zip(t.Requests.Skip(1)).All(p => p.First.ArrivalSeconds <= p.Second.ArrivalSeconds), Is.True);
    }
}
