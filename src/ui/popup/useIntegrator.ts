import { useEffect, useState } from 'react';
import { request } from '../api';

/** Whether the user turned on the integrator tools (Settings › General); off until known. */
export function useIntegrator(): boolean {
  const [on, setOn] = useState(false);
  useEffect(() => {
    let live = true;
    request({ type: 'settings.get' })
      .then((r) => {
        if (live) setOn(r?.effective?.integrator === true);
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return on;
}
