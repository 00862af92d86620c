// Where the camera is: name, stream and sub-stream URLs, user name and password (write-only: the saved ones are never
// shown back; empty keeps them), and "Test connection", which opens each stream once and says what it carries.
import { useState } from 'react';
import { errorText } from '../../api/client';
import { cameraSettingsApi, type CameraTestResult } from '../../api/camera-settings';
import { testSummary, type CameraFieldError, type CameraForm } from '../../camera-form';
import { Field, TextField } from '../settings-kit/FormFields';
import { FieldProblems, hasProblem } from './FieldProblems';

type TestState = { state: 'running' } | { state: 'done'; result: CameraTestResult } | { state: 'failed'; error: string };

const REASONS: Record<Extract<CameraTestResult, { ok: false }>['reason'], string> = {
  unauthorized: 'Wrong user name or password',
  unreachable: "Can't reach the camera",
  'not-found': 'No stream at that address',
  'no-video': 'The stream has no video',
  timeout: 'The camera did not answer in time',
  failed: "Couldn't open the stream",
};

export function ConnectionFields(props: {
  form: CameraForm;
  errors: readonly CameraFieldError[];
  /** the saved camera has a user name and password in the secret store */
  hasCredentials: boolean;
  isNew: boolean;
  /** the saved camera being edited: the test falls back to its saved user name and password */
  cameraId: number | null;
  onChange: (patch: Partial<CameraForm>) => void;
}) {
  const { form, errors } = props;
  const [tests, setTests] = useState<{ main?: TestState; sub?: TestState }>({});
  const testing = tests.main?.state === 'running' || tests.sub?.state === 'running';

  async function runTest(which: 'main' | 'sub', url: string) {
    setTests((t) => ({ ...t, [which]: { state: 'running' } }));
    const body = {
      url: url.trim(),
      ...(form.username.trim() ? { username: form.username.trim() } : {}),
      ...(form.password ? { password: form.password } : {}),
      ...(props.cameraId !== null ? { cameraId: props.cameraId } : {}),
    };
    let next: TestState;
    try {
      next = { state: 'done', result: await cameraSettingsApi.test(body) };
    } catch (e) {
      next = { state: 'failed', error: errorText(e) };
    }
    setTests((t) => ({ ...t, [which]: next }));
  }

  function testAll() {
    setTests({});
    if (form.url.trim()) void runTest('main', form.url);
    if (form.subUrl.trim()) void runTest('sub', form.subUrl);
  }

  const credentialHint = props.hasCredentials ? 'Saved; leave empty to keep it' : 'Or put them in the URL';
  return (
    <div className="rp-fields">
      <div className="cs-field">
        <TextField
          label="Name"
          testId="camera-name"
          value={form.name}
          onChange={(name) => props.onChange({ name })}
          invalid={hasProblem(errors, 'name')}
          placeholder="Front door"
          autoFocus={props.isNew}
        />
        <FieldProblems errors={errors} field="name" />
      </div>
      <div className="cs-field">
        <TextField
          label="Stream URL (RTSP)"
          testId="camera-url"
          value={form.url}
          onChange={(url) => props.onChange({ url })}
          invalid={hasProblem(errors, 'url')}
          placeholder="rtsp://192.168.1.20:554/stream1"
          hint="The main stream: what is recorded"
          wide
        />
        <FieldProblems errors={errors} field="url" />
      </div>
      <div className="cs-field">
        <TextField
          label="Sub-stream URL (optional)"
          testId="camera-sub-url"
          value={form.subUrl}
          onChange={(subUrl) => props.onChange({ subUrl })}
          invalid={hasProblem(errors, 'subUrl')}
          placeholder="rtsp://192.168.1.20:554/stream2"
          hint="A smaller stream for motion detection and previews; needed for “Events + continuous”"
          wide
        />
        <FieldProblems errors={errors} field="subUrl" />
      </div>
      <div className="pp-pair">
        <div className="cs-field">
          <TextField
            label="User name"
            testId="camera-username"
            value={form.username}
            onChange={(username) => props.onChange({ username })}
            invalid={hasProblem(errors, 'username')}
            placeholder={props.hasCredentials ? '(saved)' : 'admin'}
            hint={credentialHint}
          />
          <FieldProblems errors={errors} field="username" />
        </div>
        <div className="cs-field">
          <Field
            label="Password"
            hint={props.hasCredentials ? 'Saved; leave empty to keep it' : 'Kept in the secret store, never shown again'}
          >
            <input
              className="input"
              type="password"
              autoComplete="new-password"
              data-testid="camera-password"
              placeholder={props.hasCredentials ? '••••••••' : ''}
              aria-invalid={hasProblem(errors, 'password')}
              value={form.password}
              onChange={(e) => props.onChange({ password: e.target.value })}
            />
          </Field>
          <FieldProblems errors={errors} field="password" />
        </div>
      </div>
      <div className="cs-test">
        <button type="button" className="btn" data-testid="camera-test" disabled={testing || !form.url.trim()} onClick={testAll}>
          {testing ? 'Testing…' : 'Test connection'}
        </button>
        <TestLine label="Main stream" test={tests.main} testId="camera-test-main" />
        <TestLine label="Sub-stream" test={tests.sub} testId="camera-test-sub" />
      </div>
    </div>
  );
}

function TestLine(props: { label: string; test: TestState | undefined; testId: string }) {
  const { test } = props;
  if (!test) return null;
  let body;
  if (test.state === 'running') body = <span className="muted">opening the stream…</span>;
  else if (test.state === 'failed') body = <span className="error-text">{test.error}</span>;
  else if (test.result.ok) body = <span className="success-text">✓ {testSummary(test.result)}</span>;
  else {
    body = (
      <span className="error-text">
        ✗ {REASONS[test.result.reason] ?? 'Failed'}: {test.result.error}
      </span>
    );
  }
  return (
    <div className="small cs-test-line" role="status" data-testid={props.testId} data-state={test.state}>
      <span className="muted">{props.label}: </span>
      {body}
    </div>
  );
}
