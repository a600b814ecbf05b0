using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text.RegularExpressions;

namespace ZsepAdmin.Shell
{
    /// <summary>
    /// Plain-text host UI: output and errors go to two writers (the console, or a test's buffers), with ANSI
    /// sequences stripped; prompts read from a reader. Progress is shown only when interactive.
    /// </summary>
    public sealed class ZsepHostUserInterface : PSHostUserInterface
    {
        private static readonly Regex Ansi = new Regex("\u001b\\[[0-9;?]*[ -/]*[@-~]", RegexOptions.Compiled);
        private readonly TextWriter _out;
        private readonly TextWriter _err;
        private readonly TextReader _in;
        private readonly ZsepRawUserInterface _raw = new ZsepRawUserInterface();

        public ZsepHostUserInterface(TextWriter output, TextWriter error, TextReader input, bool showProgress)
        {
            _out = output;
            _err = error;
            _in = input;
            ShowProgress = showProgress;
        }

        public bool ShowProgress { get; }

        public override PSHostRawUserInterface RawUI => _raw;

        private static string Plain(string value) => Ansi.Replace(value, string.Empty);

        public override void Write(string value) => _out.Write(Plain(value));

        public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Write(value);

        public override void WriteLine(string value) => _out.WriteLine(Plain(value));

        public override void WriteErrorLine(string value) => _err.WriteLine(Plain(value));

        public override void WriteDebugLine(string message) => _out.WriteLine("DEBUG: " + Plain(message));

        public override void WriteVerboseLine(string message) => _out.WriteLine("VERBOSE: " + Plain(message));

        public override void WriteWarningLine(string message) => _out.WriteLine("WARNING: " + Plain(message));

        public override void WriteInformation(InformationRecord record)
        {
        }

        public override void WriteProgress(long sourceId, ProgressRecord record)
        {
            if (ShowProgress && record.RecordType != ProgressRecordType.Completed)
            {
                _err.Write($"\r{record.Activity}: {record.StatusDescription} {(record.PercentComplete >= 0 ? record.PercentComplete + "%" : string.Empty)}   ");
            }
        }

        public override string ReadLine() => _in.ReadLine() ?? string.Empty;

        public override SecureString ReadLineAsSecureString()
        {
            var s = new SecureString();
            foreach (char c in ReadLine())
            {
                s.AppendChar(c);
            }

            s.MakeReadOnly();
            return s;
        }

        public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
        {
            if (!string.IsNullOrEmpty(caption))
            {
                WriteLine(caption);
            }

            if (!string.IsNullOrEmpty(message))
            {
                WriteLine(message);
            }

            var result = new Dictionary<string, PSObject>();
            foreach (FieldDescription d in descriptions)
            {
                Write(d.Name + ": ");
                result[d.Name] = PSObject.AsPSObject(ReadLine());
            }

            return result;
        }

        public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
        {
            WriteLine(caption);
            WriteLine(message);
            for (int i = 0; i < choices.Count; i++)
            {
                WriteLine($"[{i}] {choices[i].Label.Replace("&", string.Empty)}{(i == defaultChoice ? " (default)" : string.Empty)}");
            }

            string answer = ReadLine().Trim();
            if (answer.Length == 0)
            {
                return defaultChoice;
            }

            for (int i = 0; i < choices.Count; i++)
            {
                string label = choices[i].Label;
                int amp = label.IndexOf('&');
                string hotkey = amp >= 0 && amp + 1 < label.Length ? label.Substring(amp + 1, 1) : label.Substring(0, 1);
                if (string.Equals(answer, hotkey, StringComparison.OrdinalIgnoreCase) ||
                    string.Equals(answer, label.Replace("&", string.Empty), StringComparison.OrdinalIgnoreCase) ||
                    answer == i.ToString(System.Globalization.CultureInfo.InvariantCulture))
                {
                    return i;
                }
            }

            return defaultChoice;
        }

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
            PromptForCredential(caption, message, userName, targetName, PSCredentialTypes.Default, PSCredentialUIOptions.Default);

        public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options)
        {
            Write("User: ");
            string user = string.IsNullOrEmpty(userName) ? ReadLine() : userName;
            Write("Password: ");
            return new PSCredential(user, ReadLineAsSecureString());
        }
    }

    /// <summary>A fixed-size raw UI: enough for the formatter to lay out tables at 120 columns.</summary>
    public sealed class ZsepRawUserInterface : PSHostRawUserInterface
    {
        public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;

        public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;

        public override Size BufferSize { get; set; } = new Size(120, 9999);

        public override Coordinates CursorPosition { get; set; }

        public override int CursorSize { get; set; } = 1;

        public override bool KeyAvailable => false;

        public override Size MaxPhysicalWindowSize => new Size(120, 50);

        public override Size MaxWindowSize => new Size(120, 50);

        public override Coordinates WindowPosition { get; set; }

        public override Size WindowSize { get; set; } = new Size(120, 50);

        public override string WindowTitle { get; set; } = "ZsepAdmin";

        public override void FlushInputBuffer()
        {
        }

        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => new BufferCell[0, 0];

        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException("ReadKey is not supported by ZsepAdmin.Shell.");

        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill)
        {
        }

        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents)
        {
        }

        public override void SetBufferContents(Rectangle rectangle, BufferCell fill)
        {
        }
    }
}
