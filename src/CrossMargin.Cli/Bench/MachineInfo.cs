using System.Globalization;
using System.Runtime.InteropServices;

namespace CrossMargin.Cli.Bench;

/// <summary>The machine a run happened on, read from /proc (CPU model, logical cores, RAM, kernel, load) and /etc/os-release.</summary>
internal sealed record MachineInfo(string Cpu, int Cores, double RamGiB, string Os, string Kernel, string Runtime, string LoadAverage)
{
    public static MachineInfo Read()
    {
        var cpuinfo = ReadOrEmpty("/proc/cpuinfo").Split('\n');
        var model = cpuinfo.FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var cores = cpuinfo.Count(l => l.StartsWith("processor", StringComparison.Ordinal));
        var memKb = ReadOrEmpty("/proc/meminfo").Split('\n').FirstOrDefault(l => l.StartsWith("MemTotal:", StringComparison.Ordinal))?
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1];
        var os = ReadOrEmpty("/etc/os-release").Split('\n').FirstOrDefault(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal))?["PRETTY_NAME=".Length..].Trim('"')
            ?? RuntimeInformation.OSDescription;
        var kernel = ReadOrEmpty("/proc/sys/kernel/osrelease").Trim();
        // The box may be shared: the 1/5/15-minute load says how contended the figures are.
        var load = string.Join(' ', ReadOrEmpty("/proc/loadavg").Split(' ').Take(3));
        return new MachineInfo(model, cores == 0 ? Environment.ProcessorCount : cores,
            memKb is null ? 0 : double.Parse(memKb, CultureInfo.InvariantCulture) / (1024 * 1024), os, kernel, RuntimeInformation.FrameworkDescription, load);
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Cpu}, {Cores} logical cores, {RamGiB:F1} GiB RAM, {Os}, Linux {Kernel}, {Runtime}; load average at the end of the run {LoadAverage}");

    private static string ReadOrEmpty(string path) => File.Exists(path) ? File.ReadAllText(path) : "";
}
