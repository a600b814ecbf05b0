using System;
using System.IO;

namespace Zsep.Radio
{
    /// <summary>
    /// The radio cannot be reached: the port does not exist or cannot be opened, it was unplugged, the connection
    /// dropped, or the radio stopped answering. The cmdlets make it a terminating error; Connect-ZsepNetwork opens the
    /// network again once the radio is back.
    /// </summary>
    public sealed class RadioUnavailableException : IOException
    {
        public RadioUnavailableException(string radio, string message, Exception? inner = null)
            : base(message, inner)
        {
            Radio = radio;
        }

        /// <summary>The radio string or port.</summary>
        public string Radio { get; }
    }

    /// <summary>
    /// The radio answers but its firmware is not one this host can drive (Spinel protocol major version other than 4,
    /// or an RCP API version outside the supported range). The message names both versions.
    /// </summary>
    public sealed class RadioFirmwareException : Exception
    {
        public RadioFirmwareException(string radio, string message)
            : base(message)
        {
            Radio = radio;
        }

        public string Radio { get; }
    }
}
