// The query of a pods/exec or pods/attach request as the apiserver decodes it into
// PodExecOptions / PodAttachOptions and the kubelet into its stream options
// (kubelet cri/streaming/remotecommand NewOptions): which streams the client opens, a tty,
// the container and, for exec, the command (one `command=` parameter per argv element).
import { ApiError } from '../../../kube/apiError.js';
import { queryBool } from '../queryBool.js';

export type StreamVerb = 'exec' | 'attach';

export interface StreamOptions {
  /** '' when the client named none (the apiserver then picks the only container or refuses). */
  container: string;
  command: string[];
  stdin: boolean;
  stdout: boolean;
  /** Always false with a tty: the kubelet merges stderr into the terminal. */
  stderr: boolean;
  tty: boolean;
}

export function streamOptions(verb: StreamVerb, params: URLSearchParams): StreamOptions {
  const tty = queryBool(params, 'tty');
  const options: StreamOptions = {
    container: params.get('container') ?? '',
    command: verb === 'exec' ? params.getAll('command') : [],
    stdin: queryBool(params, 'stdin'),
    stdout: queryBool(params, 'stdout'),
    stderr: queryBool(params, 'stderr') && !tty,
    tty,
  };
  if (!options.stdin && !options.stdout && !options.stderr) {
    throw new ApiError(400, 'BadRequest', 'you must specify at least 1 of stdin, stdout, stderr');
  }
  return options;
}
