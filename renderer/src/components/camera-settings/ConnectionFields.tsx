// Where the camera is: name, stream and sub-stream URLs, user name and password (write-only: the saved ones are never
// shown back; empty keeps them), and "Test connection", which opens each stream once and says what it carries.
import { useState } from 'react';
import { errorText } from '../../api/client';
import { cameraSettingsApi, type CameraTestResult } from '../../api/camera-settings';
import { testSummary, type CameraFieldError, type CameraForm } from '../../camera-form';
import { CheckedTextField, textFieldsOf } from './FieldProblems';

type TestState = { state: 'running' } | { state: 'done'; result: CameraTestResult } | { state: 'failed'; error: string };

const KEEP_SAVED = 'Saved; leave empty to keep it';

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

  const field = textFieldsOf(form, errors, props.onChange);
  return (
    <div className="rp-fields">
      <CheckedTextField {...field('name')} label="Name" testId="camera-name" placeholder="Front door" autoFocus={props.isNew} />
      <CheckedTextField
        {...field('url')}
        label="Stream URL (RTSP)"
        testId="camera-url"
        placeholder="rtsp://192.168.1.20:554/stream1"
        hint="The main stream: what is recorded"
        wide
      />
      <CheckedTextField
        {...field('subUrl')}
        label="Sub-stream URL (optional)"
        testId="camera-sub-url"
        placeholder="rtsp://192.168.1.20:554/stream2"
        hint="A smaller stream for motion detection and previews; needed for “Events + continuous”"
        wide
      />
      <div className="pp-pair">
        <CheckedTextField
          {...field('username')}
          label="User name"
          testId="camera-username"
          placeholder={props.hasCredentials ? '(saved)' : 'admin'}
          hint={props.hasCredentials ? KEEP_SAVED : 'Or put them in the URL'}
        />
        <CheckedTextField
          {...field('password')}
          label="Password"
          testId="camera-password"
          type="password"
          autoComplete="new-password"
          placeholder={props.hasCredentials ? '••••••••' : ''}
          hint={props.hasCredentials ? KEEP_SAVED : 'Kept in the secret store, never shown again'}
        />
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
