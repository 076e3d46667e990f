import { ConfigProvider, App as AntApp } from 'antd';
import viVN from 'antd/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { CloseIcon, LoadingIcon, nameLibraryIconsInVietnamese } from './icons.tsx';
import { T } from './text.ts';

dayjs.locale('vi');
nameLibraryIconsInVietnamese(document.body);
/** Whoever asked her system for less motion (WCAG 2.3.3; an old laptop's choice too): no sliding, fading or ripple. */
const lessMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ConfigProvider
      locale={viVN}
      button={{ loadingIcon: LoadingIcon }}
      select={{ loadingIcon: LoadingIcon }}
      // Nor the ripple round a button she clicks (two seconds of fading: token.motion leaves it on).
      wave={{ disabled: lessMotion }}
      modal={{ closable: { 'aria-label': T.closeDialog, closeIcon: <CloseIcon /> } }}
      theme={{
        token: {
          colorPrimary: '#b71c1c',
          colorLink: '#0b57d0',
          // A link hovered or focused (the one just clicked) darker, not lighter: AA contrast on the info alert's blue too.
          colorLinkHover: '#0842a0',
          colorLinkActive: '#062e6f',
          colorError: '#c62828',
          // A danger button hovered or pressed (the one just clicked) darker too: AA contrast on a hovered table row.
          colorErrorHover: '#9a0007',
          colorErrorActive: '#7f0000',
          colorTextPlaceholder: 'rgba(0, 0, 0, 0.62)',
          // Grey text at WCAG AA contrast on white (the library's defaults are lighter).
          colorTextSecondary: 'rgba(0, 0, 0, 0.66)',
          colorTextDescription: 'rgba(0, 0, 0, 0.66)',
          colorTextTertiary: 'rgba(0, 0, 0, 0.62)',
          fontFamily: 'system-ui, "Segoe UI", Roboto, Arial, sans-serif',
          motion: !lessMotion,
        },
        // A field she types in is outlined in blue: the red of the brand read as an error on an empty field.
        components: Object.fromEntries(
          ['Input', 'InputNumber', 'Select', 'DatePicker'].map((c) => [
            c,
            {
              activeBorderColor: '#0b57d0',
              hoverBorderColor: '#0842a0',
              activeShadow: '0 0 0 2px rgba(11, 87, 208, 0.15)',
              activeOutlineColor: 'rgba(11, 87, 208, 0.15)',
            },
          ]),
        ),
      }}
    >
      <AntApp>
        <App />
      </AntApp>
    </ConfigProvider>
  </StrictMode>,
);
