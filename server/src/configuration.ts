// The server's current settings: pulled from the client (or taken from a
// didChangeConfiguration that carries them), validated by ./settings, and passed on to
// listeners only when they changed. Requests wait for settings work queued before them.
import { DidChangeConfigurationNotification, MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver';
import { DEFAULT_SETTINGS, sameSettings, showValue, validateSettings, type Settings } from './settings';

type Listener = (settings: Settings, previous: Settings) => Promise<void> | void;

export class Configuration {
  current: Settings = DEFAULT_SETTINGS;
  private canPull = false;
  private loading: Promise<void> = Promise.resolve();
  private readonly listeners: Listener[] = [];
  /** setting + value of every warning shown, so each is shown once. */
  private readonly warned = new Set<string>();

  constructor(private readonly connection: Connection) {
    connection.onDidChangeConfiguration((params) => {
      const settings = (params.settings as { crashlog?: unknown } | null | undefined)?.crashlog;
      // A client that pushes the section (VS Code's `synchronize`) saves the pull.
      void this.queue(() => (settings !== undefined ? this.apply(settings) : this.pull()));
    });
  }

  /** Called from onInitialize. */
  setCapabilities(canPull: boolean): void {
    this.canPull = canPull;
  }

  /** Called from onInitialized: registers for changes and pulls the settings once. */
  start(): void {
    if (!this.canPull) return;
    void this.connection.client.register(DidChangeConfigurationNotification.type, { section: 'crashlog' });
    void this.queue(() => this.pull());
  }

  onChange(listener: Listener): void {
    this.listeners.push(listener);
  }

  /** Resolves when the settings work queued so far (and what it triggered) is done. */
  ready(): Promise<void> {
    return this.loading;
  }

  /** Runs settings work one job after another; a failed job is logged and blocks nothing. */
  queue(job: () => Promise<void>): Promise<void> {
    this.loading = this.loading.then(job).catch((error: unknown) => {
      this.connection.console.error(
        `crashlog settings: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
      );
    });
    return this.loading;
  }

  private async pull(): Promise<void> {
    if (!this.canPull) return;
    let section: unknown;
    try {
      section = await this.connection.workspace.getConfiguration('crashlog');
    } catch (error) {
      this.connection.console.error(`crashlog settings could not be read: ${(error as Error).message}`);
      section = undefined;
    }
    await this.apply(section);
  }

  private async apply(section: unknown): Promise<void> {
    const { settings, problems } = validateSettings(section);
    for (const problem of problems) {
      const key = `${problem.setting}\0${showValue(problem.value)}`;
      if (this.warned.has(key)) continue;
      this.warned.add(key);
      // A notification, not showWarningMessage's request: nothing to answer, nothing left pending.
      void this.connection.sendNotification(ShowMessageNotification.type, {
        type: MessageType.Warning,
        message: `Crash Log: ${problem.setting} is ${showValue(problem.value)}: ${problem.reason}.`,
      });
    }
    const previous = this.current;
    if (sameSettings(previous, settings)) return;
    this.current = settings;
    for (const listener of this.listeners) await listener(settings, previous);
  }
}
