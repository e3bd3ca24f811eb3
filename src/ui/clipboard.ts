// Copying to the terminal's clipboard with OSC 52 (ESC ] 52 ; c ; base64 BEL): the terminal
// (or tmux with set-clipboard on, or an SSH client's terminal) sets its clipboard, so it
// works over SSH with no clipboard tool on the remote machine.
export function osc52(text: string): string {
  return `\u001b]52;c;${Buffer.from(text, 'utf8').toString('base64')}\u0007`;
}

let sink: (bytes: string) => void = (bytes) => {
  process.stdout.write(bytes);
};

/** Where the escape sequence goes (tests capture it). */
export function setClipboardSink(write: (bytes: string) => void): void {
  sink = write;
}

export function copyToClipboard(text: string): void {
  sink(osc52(text));
}
