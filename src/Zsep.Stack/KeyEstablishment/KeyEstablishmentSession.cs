using System;
using Org.BouncyCastle.Security;
using Zsep.Stack.Codec;
using Zsep.Stack.Runtime;
using Zsep.Stack.Security.Cbke;
using Zsep.Stack.Types;

namespace Zsep.Stack.KeyEstablishment
{
    /// <summary>Sends one Key Establishment cluster command (the ZCL payload after the header) to the partner.</summary>
    public delegate void KeyEstablishmentSend(byte commandId, bool serverToClient, byte[] payload);

    /// <summary>Where a session is.</summary>
    public enum KeyEstablishmentState
    {
        /// <summary>Created, not started (initiator) or waiting for the Initiate request (responder).</summary>
        Idle,
        AwaitingInitiateResponse,
        AwaitingEphemeralDataResponse,
        AwaitingConfirmKeyResponse,
        AwaitingEphemeralDataRequest,
        AwaitingConfirmKeyRequest,

        /// <summary>Ended: see <see cref="KeyEstablishmentSession.Outcome"/>.</summary>
        Done,
    }

    /// <summary>
    /// One Certificate-Based Key Establishment with one partner, in either role, Smart Energy 1.x (07-5356) Annex
    /// C.4.2 over the Key Establishment cluster (C.3). Transport-agnostic: commands go out through a
    /// <see cref="KeyEstablishmentSend"/> callback and come in through <see cref="Receive"/>; timers run on the
    /// <see cref="IStackScheduler"/> (use it on the loop only).
    /// <para>Initiator U (client): Initiate Key Establishment Request (suite, generate times, certificate) ->
    /// Response; Ephemeral Data Request (QE_U) -> Response (QE_V); both compute Z (ECMQV), MacKey || KeyData;
    /// Confirm Key Data Request (MACU) -> Response (MACV). Each wait lasts the partner's advertised generate time
    /// plus <see cref="KeyEstablishmentOptions.TimeoutMargin"/>.</para>
    /// <para>Checks and their Terminate status: suite not offered -> UnsupportedSuite; certificate issuer not among
    /// the trusted roots -> UnknownIssuer; subject not the partner's IEEE, suite 2 validity, invalid reconstruction
    /// point or undecodable certificate -> InvalidCertificate; tag mismatch -> BadKeyConfirm; malformed, unexpected or
    /// duplicate command, invalid ephemeral point -> BadMessage. A Terminate from the partner ends the session with its
    /// status. No key material appears in messages, outcomes' ToString, or exceptions.</para>
    /// </summary>
    public sealed class KeyEstablishmentSession
    {
        private readonly KeyEstablishmentIdentity _identity;
        private readonly IStackScheduler _scheduler;
        private readonly KeyEstablishmentSend _send;
        private readonly KeyEstablishmentOptions _options;
        private readonly SecureRandom _random;
        private IScheduledItem? _timer;
        private DateTimeOffset? _started;
        private KeyEstablishmentCredential? _credential;
        private ImplicitCertificate? _partnerCertificate;
        private byte[]? _partnerPublicKey;
        private byte _partnerEphemeralTime;
        private byte _partnerConfirmTime;
        private CbkeKeyPair? _ephemeral;
        private byte[]? _partnerEphemeral;
        private CbkeExchangeResult? _exchange;

        private KeyEstablishmentSession(KeyEstablishmentRole role, KeyEstablishmentIdentity identity, Eui64 partner,
            IStackScheduler scheduler, KeyEstablishmentSend send, KeyEstablishmentOptions? options)
        {
            Role = role;
            _identity = identity ?? throw new ArgumentNullException(nameof(identity));
            Partner = partner;
            _scheduler = scheduler ?? throw new ArgumentNullException(nameof(scheduler));
            _send = send ?? throw new ArgumentNullException(nameof(send));
            _options = options ?? new KeyEstablishmentOptions();
            _random = _options.Random ?? new SecureRandom();
        }

        /// <summary>Raised once, when the session ends (success, Terminate sent or received, timeout).</summary>
        public event Action<KeyEstablishmentOutcome>? Completed;

        /// <summary>
        /// Raised when the partner sends Terminate Key Establishment after this party already succeeded (the responder
        /// succeeds when it sends MACV; the initiator may still reject MACV with BadKeyConfirm): the key must not be used.
        /// </summary>
        public event Action<KeyEstablishmentStatus>? TerminatedAfterSuccess;

        public KeyEstablishmentRole Role { get; }

        public Eui64 Partner { get; }

        public KeyEstablishmentState State { get; private set; } = KeyEstablishmentState.Idle;

        /// <summary>The suite asked for or agreed, once known.</summary>
        public CryptoSuite? Suite { get; private set; }

        /// <summary>Set when the session ended.</summary>
        public KeyEstablishmentOutcome? Outcome { get; private set; }

        /// <summary>The client side (U), for the device that joins; call <see cref="Start"/> to send the Initiate request.</summary>
        public static KeyEstablishmentSession CreateInitiator(KeyEstablishmentIdentity identity, Eui64 partner, IStackScheduler scheduler,
            KeyEstablishmentSend send, KeyEstablishmentOptions? options = null) =>
            new KeyEstablishmentSession(KeyEstablishmentRole.Initiator, identity, partner, scheduler, send, options);

        /// <summary>The server side (V), for the Trust Center; feed it the partner's Initiate request with <see cref="Receive"/>.</summary>
        public static KeyEstablishmentSession CreateResponder(KeyEstablishmentIdentity identity, Eui64 partner, IStackScheduler scheduler,
            KeyEstablishmentSend send, KeyEstablishmentOptions? options = null) =>
            new KeyEstablishmentSession(KeyEstablishmentRole.Responder, identity, partner, scheduler, send, options);

        /// <summary>Initiator: sends Initiate Key Establishment Request with the chosen suite's certificate.</summary>
        /// <exception cref="InvalidOperationException">Not an initiator, already started, or no credential for the suite.</exception>
        public void Start()
        {
            if (Role != KeyEstablishmentRole.Initiator || State != KeyEstablishmentState.Idle || Outcome is not null)
            {
                throw new InvalidOperationException("Only an initiator that has not started can start.");
            }

            CryptoSuite suite = _options.Suite ?? _identity.PreferredSuite
                ?? throw new InvalidOperationException("The identity offers no suite.");
            _credential = _identity.Credential(suite) ?? throw new InvalidOperationException($"The identity has no suite {(int)suite} credential.");
            Suite = suite;
            _started = _scheduler.Now;
            var request = new InitiateKeyEstablishment(suite, _options.EphemeralDataGenerateTime, _options.ConfirmKeyGenerateTime, _credential.Certificate);
            Await(KeyEstablishmentState.AwaitingInitiateResponse, _options.InitiateResponseTimeout);
            Send(KeyEstablishmentCommand.InitiateKeyEstablishment, request.ToArray());
        }

        /// <summary>Ends the session from this side with a Terminate (for instance when the node leaves). No effect once ended.</summary>
        public void Abort(KeyEstablishmentStatus status, string reason)
        {
            if (Outcome is null)
            {
                Fail(status, reason);
            }
        }

        /// <summary>
        /// Handles one Key Establishment command from the partner: <paramref name="serverToClient"/> is the ZCL direction
        /// bit, <paramref name="payload"/> the bytes after the ZCL header. Never throws for bad input.
        /// </summary>
        public void Receive(byte commandId, bool serverToClient, ReadOnlySpan<byte> payload)
        {
            _started ??= _scheduler.Now;
            if (Outcome is not null)
            {
                if (commandId == KeyEstablishmentCommand.TerminateKeyEstablishment && Outcome.Succeeded
                    && TerminateKeyEstablishment.TryDecode(payload, out TerminateKeyEstablishment? late, out _))
                {
                    TerminatedAfterSuccess?.Invoke(late!.StatusCode);
                }

                return;
            }

            bool fromServer = Role == KeyEstablishmentRole.Initiator;
            string name = KeyEstablishmentCommand.Name(commandId, serverToClient);
            if (serverToClient != fromServer)
            {
                Fail(KeyEstablishmentStatus.BadMessage, $"{name} came in the wrong direction");
                return;
            }

            if (commandId == KeyEstablishmentCommand.TerminateKeyEstablishment)
            {
                OnTerminate(payload);
                return;
            }

            KeyEstablishmentState expected = ExpectedState(commandId);
            if (expected != State)
            {
                Fail(KeyEstablishmentStatus.BadMessage, $"Unexpected {name} while {State}");
                return;
            }

            try
            {
                switch (State)
                {
                    case KeyEstablishmentState.Idle:
                        OnInitiateRequest(payload);
                        break;
                    case KeyEstablishmentState.AwaitingInitiateResponse:
                        OnInitiateResponse(payload);
                        break;
                    case KeyEstablishmentState.AwaitingEphemeralDataRequest:
                    case KeyEstablishmentState.AwaitingEphemeralDataResponse:
                        OnEphemeralData(payload);
                        break;
                    case KeyEstablishmentState.AwaitingConfirmKeyRequest:
                    case KeyEstablishmentState.AwaitingConfirmKeyResponse:
                        OnConfirmKeyData(payload);
                        break;
                }
            }
            catch (FrameFormatException e)
            {
                Fail(KeyEstablishmentStatus.BadMessage, $"Malformed {name}: {e.Reason}");
            }
        }

        private KeyEstablishmentState ExpectedState(byte commandId)
        {
            bool initiator = Role == KeyEstablishmentRole.Initiator;
            return commandId switch
            {
                KeyEstablishmentCommand.InitiateKeyEstablishment => initiator ? KeyEstablishmentState.AwaitingInitiateResponse : KeyEstablishmentState.Idle,
                KeyEstablishmentCommand.EphemeralData => initiator ? KeyEstablishmentState.AwaitingEphemeralDataResponse : KeyEstablishmentState.AwaitingEphemeralDataRequest,
                KeyEstablishmentCommand.ConfirmKeyData => initiator ? KeyEstablishmentState.AwaitingConfirmKeyResponse : KeyEstablishmentState.AwaitingConfirmKeyRequest,
                _ => (KeyEstablishmentState)(-1),
            };
        }

        private void OnInitiateRequest(ReadOnlySpan<byte> payload)
        {
            if (payload.Length >= 2)
            {
                var asked = (CryptoSuite)(ushort)(payload[0] | (payload[1] << 8));
                Suite = CryptoSuites.IsDefined(asked) ? asked : (CryptoSuite?)null;
                if (_identity.Credential(asked) is null)
                {
                    Fail(KeyEstablishmentStatus.UnsupportedSuite, $"Suite 0x{(ushort)asked:X4} was asked for; this party offers {_identity.SupportedSuites}");
                    return;
                }
            }

            if (!TryAcceptPartnerIdentity(payload, out InitiateKeyEstablishment? request))
            {
                return;
            }

            _credential = _identity.Credential(request!.KeyEstablishmentSuite)!;
            var response = new InitiateKeyEstablishment(request.KeyEstablishmentSuite, _options.EphemeralDataGenerateTime,
                _options.ConfirmKeyGenerateTime, _credential.Certificate);
            Await(KeyEstablishmentState.AwaitingEphemeralDataRequest, PartnerTime(_partnerEphemeralTime));
            Send(KeyEstablishmentCommand.InitiateKeyEstablishment, response.ToArray());
        }

        private void OnInitiateResponse(ReadOnlySpan<byte> payload)
        {
            if (payload.Length >= 2 && (ushort)(payload[0] | (payload[1] << 8)) != (ushort)Suite!.Value)
            {
                Fail(KeyEstablishmentStatus.BadMessage, $"The response names suite 0x{payload[0] | (payload[1] << 8):X4}; suite {(int)Suite.Value} was asked for");
                return;
            }

            if (!TryAcceptPartnerIdentity(payload, out _))
            {
                return;
            }

            _ephemeral = CbkeKeyPair.Generate(Suite!.Value, _random);
            Await(KeyEstablishmentState.AwaitingEphemeralDataResponse, PartnerTime(_partnerEphemeralTime));
            Send(KeyEstablishmentCommand.EphemeralData, _ephemeral.PublicKey);
        }

        /// <summary>Decodes an Initiate command and checks the certificate; on failure sends the Terminate and returns false.</summary>
        private bool TryAcceptPartnerIdentity(ReadOnlySpan<byte> payload, out InitiateKeyEstablishment? command)
        {
            command = null;
            try
            {
                command = InitiateKeyEstablishment.Decode(payload);
            }
            catch (FrameFormatException e)
            {
                bool inCertificate = e.Layer == FrameLayer.Security;
                Fail(inCertificate ? KeyEstablishmentStatus.InvalidCertificate : KeyEstablishmentStatus.BadMessage,
                    (inCertificate ? "The partner's certificate does not decode: " : "Malformed Initiate Key Establishment: ") + e.Reason);
                return false;
            }

            _partnerCertificate = command.Identity;
            _partnerEphemeralTime = command.EphemeralDataGenerateTime;
            _partnerConfirmTime = command.ConfirmKeyGenerateTime;
            DateTime now = _options.CertificateClock?.Invoke() ?? _scheduler.Now.UtcDateTime;
            CertificateValidationResult check = CertificateValidator.Validate(command.Identity, null, _identity.TrustedRoots, now);
            if (!check.IsValid)
            {
                Fail(check.Reason == CertificateValidationReason.UnknownIssuer ? KeyEstablishmentStatus.UnknownIssuer : KeyEstablishmentStatus.InvalidCertificate,
                    "The partner's certificate was refused: " + check.Message);
                return false;
            }

            if (command.Identity.Subject != Partner)
            {
                Fail(KeyEstablishmentStatus.InvalidCertificate, $"The partner's certificate names subject {command.Identity.Subject}, not the partner {Partner}");
                return false;
            }

            _partnerPublicKey = check.PublicKey;
            return true;
        }

        private void OnEphemeralData(ReadOnlySpan<byte> payload)
        {
            EphemeralData data = EphemeralData.Decode(payload, Suite!.Value);
            bool initiator = Role == KeyEstablishmentRole.Initiator;
            _ephemeral ??= CbkeKeyPair.Generate(Suite.Value, _random);
            _partnerEphemeral = data.PublicKey;
            _exchange = CbkeExchange.Compute(initiator, _identity.Ieee, _credential!.PrivateKey, _ephemeral,
                Partner, _partnerPublicKey, _partnerEphemeral);
            if (initiator)
            {
                Await(KeyEstablishmentState.AwaitingConfirmKeyResponse, PartnerTime(_partnerConfirmTime));
                Send(KeyEstablishmentCommand.ConfirmKeyData, _exchange.InitiatorTag);
            }
            else
            {
                Await(KeyEstablishmentState.AwaitingConfirmKeyRequest, PartnerTime(_partnerConfirmTime));
                Send(KeyEstablishmentCommand.EphemeralData, _ephemeral.PublicKey);
            }
        }

        private void OnConfirmKeyData(ReadOnlySpan<byte> payload)
        {
            ConfirmKeyData data = ConfirmKeyData.Decode(payload);
            bool initiator = Role == KeyEstablishmentRole.Initiator;
            ReadOnlySpan<byte> expected = initiator ? _exchange!.ResponderTagSpan : _exchange!.InitiatorTagSpan;
            if (!CbkeKeyDerivation.TagsEqual(data.MacSpan, expected))
            {
                Fail(KeyEstablishmentStatus.BadKeyConfirm, initiator ? "MACV from the responder does not match" : "MACU from the initiator does not match");
                return;
            }

            byte[] macV = _exchange.ResponderTag;
            Complete(new KeyEstablishmentOutcome
            {
                Result = KeyEstablishmentResult.Success,
                LinkKey = _exchange.Material.KeyData,
                Reason = "Both key confirmation tags match",
            });
            if (!initiator)
            {
                Send(KeyEstablishmentCommand.ConfirmKeyData, macV);
            }
        }

        private void OnTerminate(ReadOnlySpan<byte> payload)
        {
            if (!TerminateKeyEstablishment.TryDecode(payload, out TerminateKeyEstablishment? terminate, out FrameFormatException? error))
            {
                Complete(new KeyEstablishmentOutcome
                {
                    Result = KeyEstablishmentResult.Terminated,
                    Status = KeyEstablishmentStatus.BadMessage,
                    TerminatedByPartner = true,
                    Reason = "The partner sent a malformed Terminate Key Establishment: " + error!.Reason,
                });
                return;
            }

            Complete(new KeyEstablishmentOutcome
            {
                Result = KeyEstablishmentResult.Terminated,
                Status = terminate!.StatusCode,
                TerminatedByPartner = true,
                PartnerWaitTime = terminate.WaitTime,
                Reason = $"The partner terminated with {terminate.StatusCode} (wait {terminate.WaitTime} s, offers {terminate.KeyEstablishmentSuite})",
            });
        }

        private TimeSpan PartnerTime(byte seconds) => TimeSpan.FromSeconds(seconds) + _options.TimeoutMargin;

        private void Await(KeyEstablishmentState state, TimeSpan timeout)
        {
            _timer?.Cancel();
            State = state;
            _timer = _scheduler.Schedule(timeout, () => OnTimeout(state, timeout));
        }

        private void OnTimeout(KeyEstablishmentState state, TimeSpan timeout)
        {
            if (Outcome is null && State == state)
            {
                Complete(new KeyEstablishmentOutcome
                {
                    Result = KeyEstablishmentResult.Timeout,
                    Reason = $"No answer from the partner within {timeout.TotalSeconds:0} s while {state}",
                });
            }
        }

        private void Fail(KeyEstablishmentStatus status, string reason)
        {
            Complete(new KeyEstablishmentOutcome { Result = KeyEstablishmentResult.Terminated, Status = status, Reason = reason });
            var terminate = new TerminateKeyEstablishment(status, _options.TerminateWaitTime, _identity.SupportedSuites);
            Send(KeyEstablishmentCommand.TerminateKeyEstablishment, terminate.ToArray());
        }

        /// <summary>Records the outcome before anything is sent, so a partner answering synchronously finds this session ended.</summary>
        private void Complete(KeyEstablishmentOutcome outcome)
        {
            _timer?.Cancel();
            _timer = null;
            State = KeyEstablishmentState.Done;
            Outcome = outcome with
            {
                Role = Role,
                Partner = Partner,
                Suite = Suite,
                PartnerCertificate = _partnerCertificate,
                Duration = _scheduler.Now - (_started ?? _scheduler.Now),
            };
            _ephemeral = null;
            Completed?.Invoke(Outcome);
        }

        private void Send(byte commandId, byte[] payload) => _send(commandId, Role == KeyEstablishmentRole.Responder, payload);
    }
}
