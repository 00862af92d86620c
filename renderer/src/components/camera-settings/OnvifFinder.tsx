// "Find cameras on the network": a WS-Discovery probe lists the ONVIF cameras that answer; pick one (or type an address
// the probe can't reach, e.g. another subnet), give its user name and password, and choose which of its profiles is the
// main stream and which the sub-stream. The add form then opens filled in.
import { useState } from 'react';
import { errorText } from '../../api/client';
import {
  cameraSettingsApi,
  type OnvifDiscoveredDevice,
  type OnvifProbeResult,
  type OnvifProbeTarget,
} from '../../api/camera-settings';
import type { CameraForm } from '../../camera-form';
import { formFromOnvif, pickStreams, probeTarget, profileLabel } from '../../camera-form-onvif';
import { TextField } from '../settings-kit/FormFields';

/** what to probe, how to show it, and the name the camera gets */
type Target = { probe: OnvifProbeTarget; label: string; name: string | null };

export function OnvifFinder(props: { onUse: (form: CameraForm) => void; onClose: () => void }) {
  const [devices, setDevices] = useState<OnvifDiscoveredDevice[] | null>(null);
  const [searching, setSearching] = useState(false);
  const [searchError, setSearchError] = useState<string | null>(null);
  const [address, setAddress] = useState('');
  const [target, setTarget] = useState<Target | null>(null);
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [probing, setProbing] = useState(false);
  const [probeError, setProbeError] = useState<string | null>(null);
  const [probe, setProbe] = useState<OnvifProbeResult | null>(null);
  const [main, setMain] = useState<string | null>(null);
  const [sub, setSub] = useState<string | null>(null);

  async function search() {
    setSearching(true);
    setSearchError(null);
    try {
      setDevices((await cameraSettingsApi.discover()).devices);
    } catch (e) {
      setSearchError(errorText(e));
    } finally {
      setSearching(false);
    }
  }

  function choose(next: Target) {
    setTarget(next);
    setProbe(null);
    setProbeError(null);
  }

  async function connect() {
    if (!target) return;
    setProbing(true);
    setProbeError(null);
    setProbe(null);
    try {
      const result = await cameraSettingsApi.probeOnvif({
        ...target.probe,
        ...(username.trim() ? { username: username.trim() } : {}),
        ...(password ? { password } : {}),
      });
      setProbe(result);
      const picked = pickStreams(result.profiles);
      setMain(picked.main);
      setSub(picked.sub);
    } catch (e) {
      setProbeError(errorText(e));
    } finally {
      setProbing(false);
    }
  }

  function use() {
    if (!probe || !target || !main) return;
    props.onUse(formFromOnvif({ deviceName: target.name, probe, main, sub, username, password }));
  }

  const typed = probeTarget(address);
  const options = probe?.profiles.filter((p) => p.streamUrl).map((p) => ({ value: p.token, label: profileLabel(p) })) ?? [];
  return (
    <div className="inset-panel cs-onvif" data-testid="camera-onvif">
      <div className="cs-onvif-head">
        <span className="ts-subtitle">Find ONVIF cameras</span>
        <button type="button" className="btn ghost" onClick={props.onClose}>
          Close
        </button>
      </div>
      <div className="cs-onvif-search">
        <button type="button" className="btn" data-testid="camera-discover" disabled={searching} onClick={() => void search()}>
          {searching ? 'Searching the network… (a few seconds)' : devices ? 'Search again' : 'Search the network'}
        </button>
        <span className="muted small">or</span>
        <input
          className="input cs-onvif-address"
          aria-label="Camera address"
          data-testid="camera-onvif-address"
          placeholder="192.168.1.20, host:port or http://host/onvif/device_service"
          spellCheck={false}
          value={address}
          onChange={(e) => setAddress(e.target.value)}
        />
        <button
          type="button"
          className="btn ghost"
          data-testid="camera-onvif-address-use"
          disabled={!typed}
          onClick={() => typed && choose({ probe: typed, label: address.trim(), name: null })}
        >
          Use this address
        </button>
      </div>
      {searchError && <p className="error-text small">Search failed: {searchError}</p>}
      {devices && devices.length === 0 && (
        <p className="muted small" data-testid="camera-discover-none">
          No ONVIF camera answered. Cameras on another subnet, or with ONVIF switched off, don’t answer a search: type the address
          instead, or add the camera by its RTSP URL.
        </p>
      )}
      {devices && devices.length > 0 && (
        <ul className="stack-list cs-onvif-devices" data-testid="camera-discover-list">
          {devices.map((d) => (
            <li
              key={d.xaddr}
              className={target?.label === d.xaddr ? 'cs-onvif-device on' : 'cs-onvif-device'}
              data-testid="camera-discover-device"
            >
              <span>
                <strong>{d.name || d.model || d.address}</strong>{' '}
                <span className="muted small">
                  {[d.manufacturer, d.model, d.hardware].filter(Boolean).join(' · ')} · {d.address}
                </span>
              </span>
              <button
                type="button"
                className="btn ghost"
                onClick={() => choose({ probe: { xaddr: d.xaddr }, label: d.xaddr, name: d.name || d.model })}
              >
                Choose
              </button>
            </li>
          ))}
        </ul>
      )}
      {target && (
        <div className="cs-onvif-connect" data-testid="camera-onvif-connect">
          <span className="small">
            <span className="muted">Device: </span>
            <span className="mono">{target.label}</span>
          </span>
          <div className="pp-pair">
            <TextField
              label="User name"
              testId="camera-onvif-username"
              value={username}
              onChange={setUsername}
              placeholder="admin"
            />
            <label className="field">
              <span>Password</span>
              <input
                className="input"
                type="password"
                autoComplete="new-password"
                data-testid="camera-onvif-password"
                value={password}
                onChange={(e) => setPassword(e.target.value)}
              />
            </label>
          </div>
          <div>
            <button
              type="button"
              className="btn"
              data-testid="camera-onvif-probe"
              disabled={probing}
              onClick={() => void connect()}
            >
              {probing ? 'Asking the camera…' : 'Read its streams'}
            </button>
          </div>
          {probeError && (
            <p className="error-text small" role="alert">
              {probeError}
            </p>
          )}
          {probe && (
            <div className="cs-onvif-profiles" data-testid="camera-onvif-profiles">
              <span className="small">
                {[probe.manufacturer, probe.model].filter(Boolean).join(' ')} · {probe.profiles.length} profiles
                {probe.events ? ' · sends motion/tamper events' : ''}
              </span>
              {probe.profiles.length === 0 ? (
                <p className="error-text small">The camera offers no media profiles: add it by its RTSP URL instead.</p>
              ) : (
                <>
                  <div className="pp-pair">
                    <label className="field">
                      <span>Main stream (recorded)</span>
                      <select
                        className="input"
                        data-testid="camera-onvif-main"
                        value={main ?? ''}
                        onChange={(e) => setMain(e.target.value)}
                      >
                        {options.map((o) => (
                          <option key={o.value} value={o.value}>
                            {o.label}
                          </option>
                        ))}
                      </select>
                    </label>
                    <label className="field">
                      <span>Sub-stream (detection, previews)</span>
                      <select
                        className="input"
                        data-testid="camera-onvif-sub"
                        value={sub ?? ''}
                        onChange={(e) => setSub(e.target.value || null)}
                      >
                        <option value="">None</option>
                        {options
                          .filter((o) => o.value !== main)
                          .map((o) => (
                            <option key={o.value} value={o.value}>
                              {o.label}
                            </option>
                          ))}
                      </select>
                    </label>
                  </div>
                  <button type="button" className="btn primary" data-testid="camera-onvif-use" disabled={!main} onClick={use}>
                    Fill in the camera form
                  </button>
                </>
              )}
            </div>
          )}
        </div>
      )}
    </div>
  );
}
