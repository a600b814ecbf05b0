using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using ZsepAdmin.Shell;

namespace ZsepAdmin.Tests
{
    /// <summary>Paths of the repository and the staged module.</summary>
    public static class Repo
    {
        public static string Root { get; } = typeof(Repo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .First(a => a.Key == "ZsepRoot").Value!;

        public static string Path(params string[] parts) => System.IO.Path.GetFullPath(System.IO.Path.Combine(new[] { Root }.Concat(parts).ToArray()));
    }

    /// <summary>
    /// A PowerShell session in the shell host's runspace with the staged module imported by its manifest.
    /// Invoke returns the objects; errors are collected, not thrown, unless the pipeline ends with a terminating error.
    /// </summary>
    public sealed class PsSession : IDisposable
    {
        private readonly StringWriter _out = new StringWriter();
        private readonly StringWriter _err = new StringWriter();

        public PsSession() => Shell = new ShellSession(_out, _err, new StringReader(string.Empty));

        public ShellSession Shell { get; }

        public string HostOutput => _out.ToString();

        public string HostError => _err.ToString();

        public sealed class Result
        {
            public Collection<PSObject> Output { get; init; } = new Collection<PSObject>();

            public IReadOnlyList<ErrorRecord> Errors { get; init; } = Array.Empty<ErrorRecord>();

            public RuntimeException? Terminating { get; init; }
        }

        public Result Run(string script, IDictionary<string, object?>? variables = null)
        {
            using PowerShell ps = PowerShell.Create();
            ps.Runspace = Shell.Runspace;
            if (variables is not null)
            {
                foreach (var kv in variables)
                {
                    Shell.Runspace.SessionStateProxy.SetVariable(kv.Key, kv.Value);
                }
            }

            ps.AddScript(script);
            try
            {
                // $null outputs come back as null entries; a pipeline's objects are what tests look at.
                var output = new Collection<PSObject>(ps.Invoke().Where(o => o is not null).ToList());
                return new Result { Output = output, Errors = ps.Streams.Error.ToList() };
            }
            catch (RuntimeException ex)
            {
                return new Result { Errors = ps.Streams.Error.ToList(), Terminating = ex };
            }
        }

        /// <summary>Runs and asserts no error of any kind; returns the output.</summary>
        public Collection<PSObject> RunOk(string script)
        {
            Result r = Run(script);
            if (r.Terminating is not null)
            {
                throw new Xunit.Sdk.XunitException($"Script threw: {r.Terminating.ErrorRecord?.FullyQualifiedErrorId}: {r.Terminating.Message}\n{script}");
            }

            if (r.Errors.Count > 0)
            {
                throw new Xunit.Sdk.XunitException("Script wrote errors: " + string.Join("; ", r.Errors.Select(e => e.FullyQualifiedErrorId + ": " + e)));
            }

            return r.Output;
        }

        public void Dispose()
        {
            Shell.Dispose();
            _out.Dispose();
            _err.Dispose();
        }
    }
}
